import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDoctor, startTestHub, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { readUntil } from "@sofia/testing";
import { enrollmentCode } from "../support/hub-cli.ts";
import { publishUntilHeld } from "../support/publisher.ts";
import { cachedExecutable, run } from "./cached-binary.ts";

const runsHere = process.platform === "linux" && process.arch === "x64";
if (!runsHere) console.log("skipping the linux-x64 executable smoke test: this machine is not linux-x64");

let t: TestHub;
let exe: string;
const home = mkdtempSync(join(tmpdir(), "sofia-agent-smoke-"));

beforeAll(async () => {
  if (!runsHere) return;
  exe = await cachedExecutable("linux-x64");
  t = await startTestHub();
  await addDoctor(t, "dr-bin", "clinic-bin");
}, 120_000);
afterAll(async () => {
  await t?.stop();
  rmSync(home, { recursive: true, force: true });
});

test.skipIf(!runsHere)("the linux-x64 executable prints its version and commit", async () => {
  const result = await run([exe, "--version"]);
  expect(result.code).toBe(0);
  expect(result.stdout.trim()).toBe("sofia-agent 0.1.0 (commit smoke-test)");
});

test.skipIf(!runsHere)(
  "the linux-x64 executable enrolls, connects, journals a report and acknowledges it",
  async () => {
    const code = await enrollmentCode(t.dataDir, "dr-bin", "clinic-bin");
    const enrolled = await run([exe, "enroll", code, "--hub", t.url, "--home", home]);
    expect(enrolled.stderr).toBe("");
    expect(enrolled.code).toBe(0);
    const agent = Bun.spawn([exe, "run", "--home", home, "--status-port", "0"], { stdout: "pipe", stderr: "pipe" });
    try {
      await readUntil(agent.stdout, /sofia-agent running/, 20_000);
      await publishUntilHeld(t, "dr-bin", "bin");
      const status = await run([exe, "status", "--json", "--home", home]);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        running: true,
        connection: { state: "connected" },
        journal: { held: 1 },
      });
    } finally {
      agent.kill("SIGTERM");
    }
    expect(await agent.exited).toBe(0);
  },
  60_000,
);
