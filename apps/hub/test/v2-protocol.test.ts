import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { DELIVERY_WINDOW, ReportReadyMessage, V2CloseCode, V2Error } from "@sofia/protocol";
import { closedWithin, TestSocket, until } from "@sofia/testing";
import {
  addDoctor,
  addProducer,
  nextDeliveries,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "./support/test-hub.ts";

describe("/v2/ws: auth, delivery, acks and resume", () => {
  let t: TestHub;
  let key: string;
  let token: string;

  beforeEach(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  const publishMany = async (n: number) => {
    for (let i = 0; i < n; i++)
      expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport(`r${i}`) })).status).toBe(202);
  };
  const cursorOf = async (consumer: string) => await t.store.mailbox.openCursor(consumer, "dr-a", "head", "x");

  test("welcome names the principal, the heartbeat and the cursor it resumes from", async () => {
    const { socket, welcome } = await openV2(t, key);
    expect(welcome).toMatchObject({
      type: "welcome",
      protocol: 2,
      principal: { kind: "doctor", doctor_id: "dr-a", clinic_id: "clinic-a", agent_id: null },
      heartbeat_ms: 25_000,
      resume_from: 0,
    });
    expect(welcome.principal).toHaveProperty("credential_id", key.slice(0, 20));
    socket.close();
  });

  test("deliveries carry strictly increasing seq and the v1 report data; acks move the stored cursor", async () => {
    await publishMany(3);
    const { socket } = await openV2(t, key);
    const deliveries = await nextDeliveries(socket, 3);
    expect(deliveries.map((d) => d.seq)).toEqual([1, 2, 3]);
    const first = deliveries[0];
    if (first?.event !== "report_ready") throw new Error("expected a report");
    expect(ReportReadyMessage.parse({ type: "report_ready", ...first.data }).json_report.history).toBe("history r0");
    socket.send(JSON.stringify({ type: "ack", seq: 2 }));
    await socket.roundTripV2();
    expect(await cursorOf("doctor:dr-a")).toBe(2);
    const timeline = await t.store.reports.timeline(first.data.report_id);
    expect(timeline.map((e) => e.type)).toEqual(["stored", "sent", "acknowledged"]);
    socket.close();
  });

  test("after a reconnect the hub resends everything after the acknowledged cursor, in order", async () => {
    await publishMany(3);
    const first = await openV2(t, key);
    await nextDeliveries(first.socket, 3);
    first.socket.send(JSON.stringify({ type: "ack", seq: 1 }));
    await first.socket.roundTripV2();
    first.socket.close();
    await first.socket.closed;
    const second = await openV2(t, key, 1);
    expect(second.welcome.resume_from).toBe(1);
    expect((await nextDeliveries(second.socket, 2)).map((d) => d.seq)).toEqual([2, 3]);
    second.socket.close();
  });

  test("a client cursor ahead of the hub's (acks lost) counts as an ack; the hub never goes back", async () => {
    await publishMany(3);
    const { socket, welcome } = await openV2(t, key, 2);
    expect(welcome.resume_from).toBe(2);
    expect((await nextDeliveries(socket, 1))[0]?.seq).toBe(3);
    socket.close();
    await socket.closed;
    const behind = await openV2(t, key, 0);
    expect(behind.welcome.resume_from).toBe(2);
    behind.socket.close();
  });

  test(`at most ${DELIVERY_WINDOW} deliveries are unacknowledged at once; acks open the window`, async () => {
    await publishMany(DELIVERY_WINDOW + 20);
    const { socket } = await openV2(t, key);
    const sent = await nextDeliveries(socket, DELIVERY_WINDOW);
    await socket.roundTripV2();
    expect(socket.buffered).toBe(0);
    socket.send(JSON.stringify({ type: "ack", seq: sent.at(-1)?.seq }));
    expect((await nextDeliveries(socket, 20)).map((d) => d.seq)[0]).toBe(DELIVERY_WINDOW + 1);
    socket.close();
  });

  test("a report published while connected arrives at once", async () => {
    const { socket } = await openV2(t, key);
    await publishMany(1);
    expect((await nextDeliveries(socket, 1))[0]?.seq).toBe(1);
    socket.close();
  });

  test("acknowledging a seq never sent is a protocol violation (4200)", async () => {
    const { socket } = await openV2(t, key);
    socket.send(JSON.stringify({ type: "ack", seq: 5 }));
    const error = V2Error.parse((await socket.next()).json);
    expect(error).toMatchObject({ code: V2CloseCode.PROTOCOL_VIOLATION, fatal: true, advice: "give_up" });
    expect((await closedWithin(socket, 2000)).code).toBe(V2CloseCode.PROTOCOL_VIOLATION);
  });

  test.each([
    [
      "an unknown credential",
      "sdk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      V2CloseCode.UNAUTHORIZED,
    ],
    ["a producer token", "spt_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", V2CloseCode.UNAUTHORIZED],
  ])("%s is refused with %d", async (_, credential, code) => {
    const socket = await TestSocket.open(t.v2Url);
    socket.send(JSON.stringify({ type: "auth", credential }));
    expect(V2Error.parse((await socket.next()).json)).toMatchObject({ code, advice: "reauthenticate", fatal: true });
    expect((await closedWithin(socket, 2000)).code).toBe(code);
  });

  test("a revoked key is refused with 4101, and a live socket is closed with 4101", async () => {
    const { socket } = await openV2(t, key);
    await t.admin.revoke(key.slice(0, 20));
    expect(V2Error.parse((await socket.next(1500)).json).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
    expect((await closedWithin(socket, 1000)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
    const again = await TestSocket.open(t.v2Url);
    again.send(JSON.stringify({ type: "auth", credential: key }));
    expect((await closedWithin(again, 2000)).code).toBe(V2CloseCode.CREDENTIAL_REVOKED);
  });

  test("anything but auth first is a protocol violation (4200)", async () => {
    const socket = await TestSocket.open(t.v2Url);
    socket.send(JSON.stringify({ type: "ack", seq: 1 }));
    expect((await closedWithin(socket, 2000)).code).toBe(V2CloseCode.PROTOCOL_VIOLATION);
  });

  test("one connection per consumer: the newest wins, the older is closed with 4201", async () => {
    const older = await openV2(t, key);
    const newer = await openV2(t, key);
    expect(V2Error.parse((await older.socket.next()).json)).toMatchObject({
      code: V2CloseCode.REPLACED,
      advice: "give_up",
    });
    expect((await closedWithin(older.socket, 2000)).code).toBe(V2CloseCode.REPLACED);
    newer.socket.close();
  });

  test("a v1 and a v2 socket of the same doctor coexist, and each receives the report", async () => {
    const v1 = await TestSocket.authenticated(t.wsUrl, key);
    const { socket: v2 } = await openV2(t, key);
    await publishMany(1);
    expect(ReportReadyMessage.parse((await v1.next()).json).report_id).toStartWith("rep_");
    expect((await nextDeliveries(v2, 1))[0]?.event).toBe("report_ready");
    v1.close();
    v2.close();
  });

  test("when one of a doctor's two sockets closes, the other is still woken for new reports", async () => {
    const v1 = await TestSocket.authenticated(t.wsUrl, key);
    const { socket: v2 } = await openV2(t, key);
    expect(t.hub.registry.forRecipient("doctor:dr-a")).toHaveLength(2);
    v1.close();
    await until("the hub saw the v1 socket close", () => t.hub.registry.forRecipient("doctor:dr-a").length === 1);
    await publishMany(1);
    expect((await nextDeliveries(v2, 1))[0]?.event).toBe("report_ready");
    v2.close();
    await until("the hub saw the v2 socket close", () => t.hub.registry.forRecipient("doctor:dr-a").length === 0);
    const again = await TestSocket.authenticated(t.wsUrl, key);
    await publishMany(1);
    expect(ReportReadyMessage.parse((await again.next()).json).report_id).toStartWith("rep_");
    again.close();
  });

  test("invalid frames after auth get a non-fatal error naming the problem", async () => {
    const { socket } = await openV2(t, key);
    socket.send(JSON.stringify({ type: "ack", seq: -1 }));
    expect(V2Error.parse((await socket.next()).json)).toMatchObject({ fatal: false, code: V2CloseCode.GENERIC_ERROR });
    socket.send("{nope");
    expect(V2Error.parse((await socket.next()).json).message).toContain("malformed JSON");
    socket.send(new Uint8Array([1]));
    expect(V2Error.parse((await socket.next()).json).message).toContain("binary");
    await socket.roundTripV2();
    socket.close();
  });
});
