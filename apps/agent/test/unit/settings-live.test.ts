import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readUntil, until } from "@sofia/testing";
import { ExitCode } from "../../src/exit-codes.ts";
import { StatusSnapshot } from "../../src/status/snapshot.ts";
import { type AgentHome, useHomes } from "../support/agent-harness.ts";
import { freePort } from "../support/ports.ts";

const MAIN = join(import.meta.dir, "../../src/main.ts");
const newHome = useHomes();

/** `agent.json` as an IT person leaves it after deleting one comma by hand. */
const BROKEN = `{
  "endpoints": ["wss://hub.example/v2/ws"]
  "protocol": "auto"
}
`;

/** Runs the real `sofia-agent run` from source until it says it is running, then stops it. */
async function runUntilStarted(home: AgentHome, during: () => Promise<void>) {
  const proc = Bun.spawn([process.execPath, MAIN, "run", "--home", home.dir], { stdout: "pipe", stderr: "pipe" });
  try {
    await readUntil(proc.stdout, /sofia-agent running/);
    await during();
  } finally {
    proc.kill("SIGTERM");
  }
  return proc.exited;
}

describe("a broken agent.json", () => {
  test("status and config set name its line and column", async () => {
    const home = newHome();
    writeFileSync(home.paths.configFile, BROKEN);
    const status = await home.cli(["status"]);
    expect(status.code).toBe(ExitCode.FAILED);
    expect(status.stdout).toContain(
      `Settings:    ${home.paths.configFile} is not valid JSON: line 3, column 3: expected ','`,
    );
    const set = await home.cli(["config", "set", "log_level", "debug"]);
    expect(set.code).toBe(ExitCode.FAILED);
    expect(set.stderr).toContain("line 3, column 3");
    // Refused, not overwritten: the person's edit is theirs to fix.
    expect(readFileSync(home.paths.configFile, "utf8")).toBe(BROKEN);
  });

  test("the agent restarts with the last good settings, logs the problem and shows it", async () => {
    const home = newHome();
    writeFileSync(home.paths.configFile, BROKEN.replace("]\n", "],\n"));
    // A run with the good file keeps a copy of it.
    expect(await runUntilStarted(home, async () => {})).toBe(0);
    expect(existsSync(home.paths.lastGoodConfigFile)).toBe(true);
    writeFileSync(home.paths.configFile, BROKEN);
    const code = await runUntilStarted(home, async () => {
      const status = JSON.parse((await home.cli(["status", "--json"])).stdout);
      expect(status.running).toBe(true);
      expect(status.endpoints).toEqual(["wss://hub.example/v2/ws"]);
      expect(status.connection.settings_problem).toContain("line 3, column 3");
      expect(status.connection.settings_problem).toContain("the agent runs with the last settings that worked");
    });
    expect(code).toBe(0);
    const log = readFileSync(join(home.paths.logDir, "agent.log"), "utf8");
    expect(log).toContain('"msg":"settings have mistakes"');
    expect(log).toContain("line 3, column 3");
  }, 30_000);

  test("with no good copy the agent still starts: no connection, the status page and the log say why", async () => {
    const home = newHome();
    writeFileSync(home.paths.configFile, BROKEN);
    const code = await runUntilStarted(home, async () => {
      const status = JSON.parse((await home.cli(["status", "--json"])).stdout);
      expect(status.running).toBe(true);
      expect(status.connection.state).toBe("not_configured");
      expect(status.connection.settings_problem).toContain("the agent does not connect until it is fixed");
    });
    expect(code).toBe(0);
    expect(readFileSync(join(home.paths.logDir, "agent.log"), "utf8")).toContain("line 3, column 3");
  }, 30_000);
});

describe("settings applied while the agent runs", () => {
  test("config set status_port moves the status page; `status` finds it on the new port", async () => {
    const home = newHome();
    const agent = await home.start({ configuredStatusPort: true });
    const before = agent.status.port;
    const port = freePort();
    const set = await home.cli(["config", "set", "status_port", String(port)]);
    expect(set.stdout).toContain("no restart needed");
    await until("status page moved", () => agent.status.port === port);
    expect(JSON.parse(readFileSync(home.paths.runtimeFile, "utf8")).port).toBe(port);
    const secret = readFileSync(home.paths.statusSecretFile, "utf8").trim();
    const answer = await fetch(`http://127.0.0.1:${port}/api/status`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(StatusSnapshot.parse(await answer.json()).pid).toBe(process.pid);
    await expect(fetch(`http://127.0.0.1:${before}/api/status`)).rejects.toThrow();
    const status = JSON.parse((await home.cli(["status", "--json"])).stdout);
    expect(status.status_page).toStartWith(`http://127.0.0.1:${port}/?key=`);
  });

  test("a status_port that is taken leaves the page where it is and says so", async () => {
    const home = newHome();
    const agent = await home.start({ configuredStatusPort: true });
    const taken = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
    try {
      expect((await home.cli(["config", "set", "status_port", String(taken.port)])).code).toBe(0);
      await until("problem shown", () => agent.board.status.settingsProblem?.includes("is in use") === true);
      expect(agent.board.status.settingsProblem).toContain(`the status page stays on ${agent.status.port}`);
    } finally {
      taken.stop(true);
    }
  });

  test("config set log_level reaches the running agent (run sets its logger's level from it)", async () => {
    const home = newHome();
    await home.start();
    expect(home.applied.at(-1)?.log_level).toBe("info");
    expect((await home.cli(["config", "set", "log_level", "warn"])).code).toBe(0);
    await until("level applied", () => home.applied.at(-1)?.log_level === "warn");
  });
});
