import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HubProcess, spawnHub } from "@sofia/hub/test/support/hub-process.ts";
import { until } from "@sofia/testing";
import { AgentHome } from "../support/agent-harness.ts";
import { enrollmentCode, hubCli } from "../support/hub-cli.ts";
import { journaledIds, untilJournaled } from "../support/journal-checks.ts";
import { freePort } from "../support/ports.ts";
import { publishMany } from "../support/publisher.ts";

const dir = mkdtempSync(join(tmpdir(), "sofia-agent-hub-kill-"));
const home = new AgentHome();
afterAll(async () => {
  await home.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test("every report ends up exactly once in the journal through hub SIGKILLs and restarts", async () => {
  await hubCli(["doctors", "add", "--doctor", "dr-k", "--clinic", "c-k", "--data-dir", dir]);
  const token = String(
    (await hubCli(["tokens", "create", "--name=p", "--scope=reports:publish", "--all-clinics", "--data-dir", dir]))
      .token,
  );
  const port = freePort();
  const args = ["--data-dir", dir, "--port", String(port)];
  let hub: HubProcess = await spawnHub(args);
  const enrolled = await home.cli(["enroll", await enrollmentCode(dir, "dr-k", "c-k"), "--hub", hub.url]);
  expect(enrolled.code).toBe(0);
  const agent = await home.start();
  await until("connected", () => agent.board.status.state === "connected");

  let kills = 0;
  const ids = await publishMany(hub, token, "dr-k", 24, async (i) => {
    if (i % 8 !== 3) return;
    // SIGKILL: no 1001, no flush; the agent only notices the dead socket.
    hub.proc.kill("SIGKILL");
    await hub.proc.exited;
    kills++;
    hub = await spawnHub(args);
  });
  expect(kills).toBe(3);

  await untilJournaled(agent, ids, 20_000);
  await agent.settled();
  expect(journaledIds(agent)).toEqual([...ids].sort());
  expect(agent.journal.counts().held).toBe(24);
  // The hub agrees: its cursor for this agent covers everything (nothing left to resend).
  await until("cursor saved", () => agent.journal.cursor(agent.board.status.credentialId ?? "") === 24);
  hub.proc.kill("SIGTERM");
  await hub.proc.exited;
}, 60_000);
