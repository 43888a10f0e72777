import { describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { FAST } from "../support/agent-harness.ts";
import { useHubAndAgent } from "../support/hub-fixture.ts";
import { journaledIds, untilJournaled } from "../support/journal-checks.ts";
import { freePort } from "../support/ports.ts";
import { publishMany } from "../support/publisher.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";

describe("settings changed while the agent runs", () => {
  const s = useHubAndAgent("dr-s", "clinic-s");

  test("a revoked credential is shown and retried slowly; re-enrolling reconnects without a restart", async () => {
    await s.enroll();
    // The production pause after a rejection (60 s), so a tight loop would show as extra sockets.
    const agent = await s.home.start({ tuning: { ...FAST, reauthenticateDelayMs: 60_000 } });
    await until("connected", () => agent.board.status.state === "connected");
    const first = (await publishMany(s.hub, s.producer, "dr-s", 1))[0] ?? "";
    await until("first journaled", () => agent.journal.get(first) !== null);

    const revokedId = agent.board.status.credentialId ?? "";
    expect(await s.hub.admin.revoke(revokedId)).toBe(true);
    await until("rejected", () => agent.board.status.problem?.includes("refused this PC's credential") === true);
    expect(agent.board.status.state).toBe("waiting");
    const retryIn = Date.parse(agent.board.status.retryAt ?? "") - Date.now();
    expect(retryIn).toBeGreaterThan(55_000);
    // No reconnect attempts meanwhile: no new socket at the hub, no new disconnection at the agent.
    const disconnections = () => s.home.logs.filter((l) => l.includes('"msg":"disconnected"')).length;
    const before = { sockets: s.hub.hub.openSockets(), disconnections: disconnections() };
    await Bun.sleep(500);
    expect(s.hub.hub.openSockets()).toBeLessThanOrEqual(before.sockets);
    expect(disconnections()).toBe(before.disconnections);

    // Published while the agent is locked out: waits at the hub.
    const second = (await publishMany(s.hub, s.producer, "dr-s", 1))[0] ?? "";
    await s.enroll();
    await until("reconnected with the new credential", () => agent.board.status.state === "connected");
    expect(agent.board.status.credentialId).not.toBe(revokedId);
    await until("second journaled", () => agent.journal.get(second) !== null);
    expect(journaledIds(agent)).toEqual([first, second].sort());
  }, 30_000);

  test("switching the endpoint while connected takes effect within seconds and loses nothing", async () => {
    const proxy = new TcpProxy(s.hub.hub.port);
    try {
      await s.enroll(`http://127.0.0.1:${proxy.port}`);
      const agent = await s.home.start();
      await until("connected through the proxy", () => agent.board.status.state === "connected");
      expect(agent.board.status.endpoint).toBe(`ws://127.0.0.1:${proxy.port}/v2/ws`);
      const before = await publishMany(s.hub, s.producer, "dr-s", 3);

      const direct = s.hub.v2Url;
      const switched = Date.now();
      const set = await s.home.cli(["config", "set", "endpoint", direct]);
      expect(set.code).toBe(0);
      await until(
        "connected directly",
        () => agent.board.status.endpoint === direct && agent.board.status.state === "connected",
      );
      expect(Date.now() - switched).toBeLessThan(3000);
      proxy.stop(); // the old endpoint disappears

      const after = await publishMany(s.hub, s.producer, "dr-s", 3);
      const all = [...before, ...after];
      await untilJournaled(agent, all);
      expect(journaledIds(agent)).toEqual([...all].sort());
    } finally {
      proxy.stop();
    }
  }, 30_000);

  test("several endpoints are tried in order: a dead first one falls through to the second", async () => {
    await s.enroll();
    const dead = `ws://127.0.0.1:${freePort()}/v2/ws`;
    expect((await s.home.cli(["config", "set", "endpoints", `${dead},${s.hub.v2Url}`])).code).toBe(0);
    const agent = await s.home.start();
    await until("connected to the second", () => agent.board.status.state === "connected");
    expect(agent.board.status.endpoint).toBe(s.hub.v2Url);
    expect(s.home.logs.some((l) => l.includes('"msg":"disconnected"'))).toBe(true);
  }, 30_000);
});
