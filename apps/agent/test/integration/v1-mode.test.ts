import { afterEach, beforeEach, expect, test } from "bun:test";
import { addDoctor, addProducer, startTestHub, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { AgentHome, until } from "../support/agent-harness.ts";
import { publishMany } from "../support/publisher.ts";

let t: TestHub;
let home: AgentHome;
beforeEach(async () => {
  t = await startTestHub();
  home = new AgentHome();
});
afterEach(async () => {
  await home.dispose();
  await t.stop();
});

test("v1 mode: a /reports/ws endpoint and a doctor key, as the integrators' spec says", async () => {
  const key = await addDoctor(t, "dr-v1", "clinic-v1");
  const token = await addProducer(t);
  expect((await home.cli(["config", "set", "endpoint", t.wsUrl])).stdout).toContain("protocol v1");
  expect((await home.cli(["config", "set", "credential", key])).code).toBe(0);
  const offline = await publishMany(t, token, "dr-v1", 2); // waits at the hub until the agent connects
  const agent = await home.start();
  await until("connected", () => agent.board.status.state === "connected" && agent.board.status.protocol === "v1");
  const online = await publishMany(t, token, "dr-v1", 2);
  const all = [...offline, ...online];
  await until("all journaled", () => all.every((id) => agent.journal.get(id) !== null));
  await agent.settled();
  expect(
    agent.journal
      .recent(10)
      .map((e) => e.reportId)
      .sort(),
  ).toEqual([...all].sort());
  expect(agent.journal.counts().held).toBe(4);
  // v1 has no statuses: nothing is queued for the hub.
  expect(agent.journal.pendingStatuses()).toEqual([]);

  // A wrong key: the hub closes with 1008, shown as a credential problem and retried slowly.
  await home.cli(["config", "set", "credential", "sdk_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro"]);
  await until("refused", () => agent.board.status.problem?.includes("refused this PC's credential") === true);
});
