import { posix, win32 } from "node:path";

/** Where the agent keeps its files. */
export interface AgentPaths {
  /** Settings and the credential: `/etc/sofia`, `%ProgramData%\Sofia`, `/Library/Application Support/Sofia`. */
  configDir: string;
  /** Journal, status-page secret, logs: `/var/lib/sofia` on Linux, the config directory elsewhere. */
  stateDir: string;
  configFile: string;
  /** The last settings the running agent read successfully, used when `agent.json` gets broken. */
  lastGoodConfigFile: string;
  credentialFile: string;
  /** The Open Dental developer and customer keys, protected like the credential. */
  openDentalKeysFile: string;
  journalFile: string;
  /** Open Dental: who is in each chair, the write ledger and the audit of every decision. */
  openDentalStateFile: string;
  statusSecretFile: string;
  /** Where the running agent says which port its status page listens on. */
  runtimeFile: string;
  logDir: string;
}

/**
 * The agent's paths for this platform. `SOFIA_AGENT_HOME` puts everything in one directory
 * (tests, portable use); `SOFIA_AGENT_CONFIG_DIR` and `SOFIA_AGENT_STATE_DIR` move each part.
 */
export function resolvePaths(env: Record<string, string | undefined>, platform: string = process.platform): AgentPaths {
  // The target platform's separators, so plans for another OS (unit tests, dry runs) are right too.
  const { join } = platform === "win32" ? win32 : posix;
  const home = env.SOFIA_AGENT_HOME;
  const defaults = defaultDirs(env, platform);
  const configDir = env.SOFIA_AGENT_CONFIG_DIR ?? home ?? defaults.configDir;
  const stateDir = env.SOFIA_AGENT_STATE_DIR ?? home ?? defaults.stateDir;
  return {
    configDir,
    stateDir,
    configFile: join(configDir, "agent.json"),
    lastGoodConfigFile: join(stateDir, "agent.last-good.json"),
    // On Windows the file holds a DPAPI blob, not the secret itself.
    credentialFile: join(configDir, platform === "win32" ? "credential.dpapi" : "credential"),
    openDentalKeysFile: join(configDir, platform === "win32" ? "opendental-keys.dpapi" : "opendental-keys"),
    journalFile: join(stateDir, "journal.sqlite"),
    openDentalStateFile: join(stateDir, "opendental.sqlite"),
    statusSecretFile: join(stateDir, "status-secret"),
    runtimeFile: join(stateDir, "runtime.json"),
    logDir: join(stateDir, "logs"),
  };
}

function defaultDirs(env: Record<string, string | undefined>, platform: string) {
  if (platform === "win32") {
    const dir = win32.join(env.ProgramData ?? env.PROGRAMDATA ?? "C:\\ProgramData", "Sofia");
    return { configDir: dir, stateDir: dir };
  }
  if (platform === "darwin") {
    const dir = "/Library/Application Support/Sofia";
    return { configDir: dir, stateDir: dir };
  }
  return { configDir: "/etc/sofia", stateDir: "/var/lib/sofia" };
}
