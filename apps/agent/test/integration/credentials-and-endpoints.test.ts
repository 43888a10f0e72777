import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { addDoctor, addProducer, startTestHub, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { AgentHome, FAST, until } from "../support/agent-harness.ts";
import { enrollmentCode } from "../support/hub-cli.ts";
import { publishMany } from "../support/publisher.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";

describe("settings changed while the agent runs", () => {
  let t: TestHub;
  let home: AgentHome;
  let token: string;

  beforeEach(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-s", "clinic-s");
    token = await addProducer(t);
    home = new AgentHome();
  });
  afterEach(async () => {
    await home.dispose();
    await t.stop();
  });

  const enroll = async (hubUrl: string) => {
    const result = await home.cli(["enroll", await enrollmentCode(t.dataDir, "dr-s", "clinic-s"), "--hub", hubUrl]);
    expect(result.code).toBe(0);
  };

  test("a revoked credential is shown and retried slowly; re-enrolling reconnects without a restart", async () => {
    await enroll(t.url);
    // The production pause after a rejection (60 s), so a tight loop would show as extra sockets.
    const agent = await home.start({ tuning: { ...FAST, reauthenticateDelayMs: 60_000 } });
    await until("connected", () => agent.board.status.state === "connected");
    const first = (await publishMany(t, token, "dr-s", 1))[0] ?? "";
    await until("first journaled", () => agent.journal.get(first) !== null);

    const revokedId = agent.board.status.credentialId ?? "";
    expect(await t.admin.revoke(revokedId)).toBe(true);
    await until("rejected", () => agent.board.status.problem?.includes("refused this PC's credential") === true);
    expect(agent.board.status.state).toBe("waiting");
    const retryIn = Date.parse(agent.board.status.retryAt ?? "") - Date.now();
    expect(retryIn).toBeGreaterThan(55_000);
    // No reconnect attempts meanwhile: no new socket at the hub, no new disconnection at the agent.
    const disconnections = () => home.logs.filter((l) => l.includes('"msg":"disconnected"')).length;
    const before = { sockets: t.hub.openSockets(), disconnections: disconnections() };
    await Bun.sleep(500);
    expect(t.hub.openSockets()).toBeLessThanOrEqual(before.sockets);
    expect(disconnections()).toBe(before.disconnections);

    // Published while the agent is locked out: waits at the hub.
    const second = (await publishMany(t, token, "dr-s", 1))[0] ?? "";
    await enroll(t.url);
    await until("reconnected with the new credential", () => agent.board.status.state === "connected");
    expect(agent.board.status.credentialId).not.toBe(revokedId);
    await until("second journaled", () => agent.journal.get(second) !== null);
    expect(
      agent.journal
        .recent(10)
        .map((e) => e.reportId)
        .sort(),
    ).toEqual([first, second].sort());
  }, 30_000);

  test("switching the endpoint while connected takes effect within seconds and loses nothing", async () => {
    const proxy = new TcpProxy(t.hub.port);
    try {
      await enroll(`http://127.0.0.1:${proxy.port}`);
      const agent = await home.start();
      await until("connected through the proxy", () => agent.board.status.state === "connected");
      expect(agent.board.status.endpoint).toBe(`ws://127.0.0.1:${proxy.port}/v2/ws`);
      const before = await publishMany(t, token, "dr-s", 3);

      const direct = t.v2Url;
      const switched = Date.now();
      const set = await home.cli(["config", "set", "endpoint", direct]);
      expect(set.code).toBe(0);
      await until(
        "connected directly",
        () => agent.board.status.endpoint === direct && agent.board.status.state === "connected",
      );
      expect(Date.now() - switched).toBeLessThan(3000);
      proxy.stop(); // the old endpoint disappears

      const after = await publishMany(t, token, "dr-s", 3);
      const all = [...before, ...after];
      await until("all journaled", () => all.every((id) => agent.journal.get(id) !== null));
      expect(
        agent.journal
          .recent(10)
          .map((e) => e.reportId)
          .sort(),
      ).toEqual([...all].sort());
    } finally {
      proxy.stop();
    }
  }, 30_000);

  test("several endpoints are tried in order: a dead first one falls through to the second", async () => {
    await enroll(t.url);
    const closed = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
    const dead = `ws://127.0.0.1:${closed.port}/v2/ws`;
    closed.stop(true);
    expect((await home.cli(["config", "set", "endpoints", `${dead},${t.v2Url}`])).code).toBe(0);
    const agent = await home.start();
    await until("connected to the second", () => agent.board.status.state === "connected");
    expect(agent.board.status.endpoint).toBe(t.v2Url);
    expect(home.logs.some((l) => l.includes('"msg":"disconnected"'))).toBe(true);
  }, 30_000);
});
