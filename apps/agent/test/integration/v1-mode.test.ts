import { expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { useHubAndAgent } from "../support/hub-fixture.ts";
import { journaledIds, untilJournaled } from "../support/journal-checks.ts";
import { publishMany } from "../support/publisher.ts";

const s = useHubAndAgent("dr-v1", "clinic-v1");

test("v1 mode: a /reports/ws endpoint and a doctor key, as the integrators' spec says", async () => {
  expect((await s.home.cli(["config", "set", "endpoint", s.hub.wsUrl])).stdout).toContain("protocol v1");
  expect((await s.home.cli(["config", "set", "credential", s.doctorKey])).code).toBe(0);
  const offline = await publishMany(s.hub, s.producer, "dr-v1", 2); // waits at the hub until the agent connects
  const agent = await s.home.start();
  await until("connected", () => agent.board.status.state === "connected" && agent.board.status.protocol === "v1");
  const online = await publishMany(s.hub, s.producer, "dr-v1", 2);
  const all = [...offline, ...online];
  await untilJournaled(agent, all);
  await agent.settled();
  expect(journaledIds(agent)).toEqual([...all].sort());
  expect(agent.journal.counts().held).toBe(4);
  // v1 has no statuses: nothing is queued for the hub.
  expect(agent.journal.pendingStatuses()).toEqual([]);

  // A wrong key: the hub closes with 1008, shown as a credential problem and retried slowly.
  await s.home.cli(["config", "set", "credential", "sdk_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro"]);
  await until("refused", () => agent.board.status.problem?.includes("refused this PC's credential") === true);
});
