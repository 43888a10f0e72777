import { describe, expect, test } from "bun:test";
import { FakeClock, until } from "@sofia/testing";
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
    // The agent's time is a fake clock: the 60 s pause after a rejection is proven by moving it,
    // not by waiting (and nothing else moves it, so nothing can retry behind the test's back).
    const clock = new FakeClock(Date.now());
    const agent = await s.home.start({ tuning: { ...FAST, reauthenticateDelayMs: 60_000 }, clock });
    await until("connected", () => agent.board.status.state === "connected");
    const first = (await publishMany(s.hub, s.producer, "dr-s", 1))[0] ?? "";
    await until("first journaled", () => agent.journal.get(first) !== null);

    const revokedId = agent.board.status.credentialId ?? "";
    expect(await s.hub.admin.revoke(revokedId)).toBe(true);
    await until("rejected", () => agent.board.status.problem?.includes("refused this PC's credential") === true);
    expect(agent.board.status.state).toBe("waiting");
    expect(Date.parse(agent.board.status.retryAt ?? "") - clock.now()).toBe(60_000);
    // One millisecond short of the pause: no attempt (a connect would show as "connecting" at once).
    const disconnections = () => s.home.logs.filter((l) => l.includes('"msg":"disconnected"')).length;
    const before = disconnections();
    clock.advance(59_999);
    expect(agent.board.status.state).toBe("waiting");
    expect(disconnections()).toBe(before);

    // Published while the agent is locked out: waits at the hub.
    const second = (await publishMany(s.hub, s.producer, "dr-s", 1))[0] ?? "";
    await s.enroll();
    // The new credential is noticed at the next settings check (every 100 ms here, 1 s in production).
    await until("reconnected with the new credential", () => {
      clock.advance(100);
      return agent.board.status.state === "connected";
    });
    expect(agent.board.status.credentialId).not.toBe(revokedId);
    await until("second journaled", () => agent.journal.get(second) !== null);
    expect(journaledIds(agent)).toEqual([first, second].sort());
  }, 30_000);

  test("switching the endpoint while connected reconnects at the next settings check and loses nothing", async () => {
    const proxy = new TcpProxy(s.hub.hub.port);
    try {
      await s.enroll(`http://127.0.0.1:${proxy.port}`);
      const agent = await s.home.start();
      await until("connected through the proxy", () => agent.board.status.state === "connected");
      expect(agent.board.status.endpoint).toBe(`ws://127.0.0.1:${proxy.port}/v2/ws`);
      const before = await publishMany(s.hub, s.producer, "dr-s", 3);

      const direct = s.hub.v2Url;
      const set = await s.home.cli(["config", "set", "endpoints", direct]);
      expect(set.code).toBe(0);
      await until(
        "connected directly",
        () => agent.board.status.endpoint === direct && agent.board.status.state === "connected",
      );
      // The settings check (not a backoff or a dropped socket) made the switch.
      expect(s.home.logs.some((l) => l.includes('"msg":"endpoint changed: reconnecting"'))).toBe(true);
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
