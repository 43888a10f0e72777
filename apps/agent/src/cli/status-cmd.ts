import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { loadConfig } from "../config/config-file.ts";
import { ExitCode } from "../exit-codes.ts";
import { Journal } from "../journal/journal.ts";
import type { AgentPaths } from "../paths.ts";
import { credentialLabel, FileCredentialStore } from "../secrets/credential-store.ts";
import { commandLine } from "../service/execute.ts";
import { serviceRegistration } from "../service/installer.ts";
import { loadStatusSecret } from "../status/secret.ts";
import { StatusSnapshot } from "../status/snapshot.ts";
import { parse } from "./args.ts";
import type { AgentIo } from "./io.ts";
import { openDentalLines } from "./opendental-status.ts";

const Runtime = z.object({ pid: z.number().int(), port: z.number().int().min(1).max(65_535), started_at: z.string() });

/**
 * `sofia-agent status`: installed? running? connected? queue? and the status page's link.
 * "Installed" is what the service manager says, not whether the service file exists: an install
 * whose `systemctl enable` failed leaves the file but never starts at boot.
 */
export async function statusCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const { values } = parse(args, { json: { type: "boolean", default: false } });
  const { config, problem: settingsProblem } = loadConfig(paths.configFile, paths.lastGoodConfigFile, {
    remember: false,
  });
  const credential = new FileCredentialStore(paths.credentialFile, io.platform === "win32").read();
  const registration = serviceRegistration({ platform: io.platform, ...io.self, paths, env: io.env });
  const fileThere = existsSync(registration.file);
  const query = fileThere ? await io.run(registration.query.argv) : null;
  const installed = query !== null && query.code === 0;
  const live = await liveStatus(io, paths);
  const journal = existsSync(paths.journalFile) ? Journal.open(paths.journalFile) : null;
  const counts = live?.snapshot.journal ?? journal?.counts() ?? null;
  journal?.close();
  const report = {
    installed,
    service_file: registration.file,
    service_manager: query ? { says: query.output.slice(0, 500), exit_code: query.code } : null,
    settings_problem: settingsProblem,
    enrolled: credential !== null,
    credential_id: credential ? credentialLabel(credential) : null,
    endpoints: config.endpoints,
    running: live !== null,
    status_page: live?.link ?? null,
    connection: live?.snapshot.connection ?? null,
    journal: counts,
    opendental: live?.snapshot.opendental ?? null,
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return ExitCode.OK;
  }
  const manager = registration.query.manager;
  io.out(
    `Installed:   ${
      installed
        ? `yes (${manager}: ${registration.file})`
        : fileThere
          ? `no: ${registration.file} is there but ${manager} does not have it (${commandLine(registration.query.argv, io.platform)}: exit ${query?.code}${query?.output ? `, ${query.output.split("\n")[0]}` : ""}). Run: sofia-agent install`
          : "no (run: sofia-agent install)"
    }`,
  );
  if (settingsProblem) io.out(`Settings:    ${settingsProblem}`);
  io.out(
    `Enrolled:    ${report.enrolled ? `yes (${report.credential_id})` : "no (run: sofia-agent enroll CODE --hub URL)"}`,
  );
  io.out(`Endpoints:   ${config.endpoints.join(", ") || "(none)"}`);
  io.out(`Running:     ${live ? `yes (pid ${live.snapshot.pid}, since ${live.snapshot.started_at})` : "no"}`);
  const c = live?.snapshot.connection;
  if (c) {
    io.out(
      `Connected:   ${c.state === "connected" ? `yes, to ${c.endpoint} since ${c.connected_since}` : `no (${c.state})`}`,
    );
    io.out(`Heartbeat:   ${c.last_heard_at ?? "none yet"}`);
    if (c.problem) io.out(`Problem:     ${c.problem}`);
  }
  if (counts) {
    const queue = counts.received + counts.bound + counts.failed;
    io.out(
      `Journal:     ${queue} in progress, ${counts.held} held, ${counts.written} written, ${counts.dead} dead-lettered, ${counts.duplicates} duplicates ignored`,
    );
  }
  if (report.opendental) for (const line of openDentalLines(report.opendental)) io.out(line);
  if (live) io.out(`Status page: ${live.link}`);
  if (settingsProblem) return ExitCode.FAILED;
  return report.enrolled ? ExitCode.OK : ExitCode.NOT_CONFIGURED;
}

/** Asks the running agent (found through its runtime file) for its status. */
export async function liveStatus(io: AgentIo, paths: AgentPaths) {
  if (!existsSync(paths.runtimeFile) || !existsSync(paths.statusSecretFile)) return null;
  const runtime = Runtime.safeParse(safeJson(readFileSync(paths.runtimeFile, "utf8").slice(0, 4096)));
  if (!runtime.success) return null;
  const secret = loadStatusSecret(paths.statusSecretFile);
  const base = `http://127.0.0.1:${runtime.data.port}`;
  try {
    const response = await io.fetch(`${base}/api/status`, {
      headers: { authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(3000),
    });
    const parsed = StatusSnapshot.safeParse(await response.json());
    return parsed.success ? { snapshot: parsed.data, link: `${base}/?key=${secret}` } : null;
  } catch {
    return null; // not running (a stale runtime file after a crash)
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
