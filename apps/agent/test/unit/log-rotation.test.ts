import { expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@sofia/runtime/log";
import { RotatingFile } from "../../src/log/rotating-file.ts";
import { AgentHome } from "../support/agent-harness.ts";

test("log files rotate by size and keep a bounded number of old files", () => {
  const dir = mkdtempSync(join(tmpdir(), "sofia-logs-"));
  try {
    const file = new RotatingFile(dir, { maxBytes: 1000, keep: 2 });
    const log = createLogger({ sinks: [(l) => file.write(l)], now: () => 0 });
    for (let i = 0; i < 100; i++) log.info("line", { i });
    expect(existsSync(join(dir, "agent.log.1"))).toBe(true);
    expect(existsSync(join(dir, "agent.log.2"))).toBe(true);
    expect(existsSync(join(dir, "agent.log.3"))).toBe(false);
    const current = readFileSync(join(dir, "agent.log"), "utf8").trim().split("\n");
    expect(Buffer.byteLength(readFileSync(join(dir, "agent.log")))).toBeLessThanOrEqual(1000);
    expect(JSON.parse(current.at(-1) ?? "")).toEqual({
      ts: "1970-01-01T00:00:00.000Z",
      level: "info",
      msg: "line",
      i: 99,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sofia-agent logs prints the last lines, and says so when there is no log", async () => {
  const home = new AgentHome();
  expect((await home.cli(["logs"])).stderr).toContain("No log yet");
  const file = new RotatingFile(home.paths.logDir);
  for (let i = 0; i < 5; i++) file.write(JSON.stringify({ msg: `line ${i}` }));
  const result = await home.cli(["logs", "--lines", "2"]);
  expect(result.stdout).toBe('{"msg":"line 3"}\n{"msg":"line 4"}');
  await home.dispose();
});
