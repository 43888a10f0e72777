import { afterEach, describe, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import { type CareTeamHub, socketUser, startCareTeamHub } from "./support/care-team-hub.ts";

const recordCreated = (n: number) => ({
  to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
  event: "medical_record_created",
  data: { record_id: `rec-${n}`, patient_id: "pat-1", doctor_id: "dr-ada", created_at: "2026-12-02T09:00:00.000Z" },
});

const cursorOf = (hub: CareTeamHub, device: string) =>
  hub.t.store.mailbox.cursor(`device:${device}:clinic:clinic-a:user:pat-1`).then((c) => c?.ackedSeq ?? 0);

describe("Socket.IO clients, unchanged, on the hub", () => {
  let hub: CareTeamHub;
  afterEach(() => hub.stop());

  for (const transports of [["websocket"], ["polling"], ["polling", "websocket"]] as const) {
    test(`${transports.join(" then ")}: events arrive under their names; acknowledged ones are not replayed`, async () => {
      hub = await startCareTeamHub();
      await hub.notify(recordCreated(1)); // waiting in the inbox before the user connects
      const token = await hub.token("pat-1", "patient");
      const user = socketUser(hub, token, { transports: [...transports], device: "tablet" });
      await until("the waiting record is replayed", () =>
        user.received.some((r) => r.event === "medical_record_created"),
      );
      await hub.notify(recordCreated(2));
      await until(
        "the live one arrives",
        () => user.received.filter((r) => r.event === "medical_record_created").length === 2,
      );
      const records = user.received.filter((r) => r.event === "medical_record_created");
      expect(records.map((r) => r.data)).toMatchObject([{ record_id: "rec-1" }, { record_id: "rec-2" }]);
      expect(records[0]?.meta).toMatchObject({ seq: 1 });
      await until("both are acknowledged", async () => (await cursorOf(hub, "tablet")) === 2);
      if (transports.length === 2) expect(user.socket.io.engine.transport.name).toBe("websocket");
      user.socket.disconnect();
      // Reconnecting with the same device: nothing is sent twice.
      const again = socketUser(hub, token, { transports: [...transports], device: "tablet" });
      await until("reconnected", () => again.socket.connected);
      await hub.notify(recordCreated(3));
      await until("only the new one arrives", () => again.received.some((r) => r.event === "medical_record_created"));
      expect(again.received.filter((r) => r.event === "medical_record_created").map((r) => r.data)).toMatchObject([
        { record_id: "rec-3" },
      ]);
      again.socket.disconnect();
    });
  }

  test("a client that never acknowledges still gets every event and never stalls", async () => {
    hub = await startCareTeamHub({ socketIoAckTimeoutMs: 200 });
    const user = socketUser(hub, await hub.token("pat-1", "patient"), { device: "old-app", ack: false });
    await until("connected", () => user.socket.connected);
    for (let n = 1; n <= 130; n++) await hub.notify(recordCreated(n)); // more than the window of 100
    await until(
      "all 130 arrive",
      () => user.received.filter((r) => r.event === "medical_record_created").length === 130,
      {
        timeoutMs: 20_000,
      },
    );
    await until("delivery was recorded by write", async () => (await cursorOf(hub, "old-app")) === 130);
    user.socket.disconnect();
  }, 30_000);

  test("mark_read and inbox requests answer through the callback; read state reaches the user's other sockets", async () => {
    hub = await startCareTeamHub();
    await hub.notify(recordCreated(1));
    const token = await hub.token("pat-1", "patient");
    const a = socketUser(hub, token, { device: "a" });
    const b = socketUser(hub, token, { device: "b" });
    await until("both have it", () =>
      [a, b].every((u) => u.received.some((r) => r.event === "medical_record_created")),
    );
    const meta = a.received.find((r) => r.event === "medical_record_created")?.meta;
    const id = typeof meta === "object" && meta !== null && "id" in meta ? String(meta.id) : "";
    const marked = await a.socket.emitWithAck("mark_read", { ids: [id] });
    expect(marked).toEqual([id]);
    await until("b hears it was read", () => b.received.some((r) => r.event === "read"));
    const page = await b.socket.emitWithAck("inbox", { unread_only: true });
    expect(page).toEqual({ items: [], unread: 0 });
    const bad = await b.socket.emitWithAck("mark_read", { ids: "not a list" });
    expect(bad).toEqual({ error: "invalid request" });
    a.socket.disconnect();
    b.socket.disconnect();
  });

  test("refresh renews the token; an expired token's connection is told why before it ends", async () => {
    hub = await startCareTeamHub();
    const user = socketUser(hub, await hub.token("pat-1", "patient", { exp: hub.nowS() + 2 }));
    await until("connected", () => user.socket.connected);
    const renewal = await user.socket.emitWithAck("refresh", await hub.token("pat-1", "patient"));
    expect(renewal).toMatchObject({ ok: true });
    const other = await user.socket.emitWithAck("refresh", await hub.token("pat-2", "patient"));
    expect(other).toEqual({ ok: false, reason: "other_user" });
    user.socket.disconnect();
    const lapsing = socketUser(hub, await hub.token("pat-1", "patient", { exp: hub.nowS() + 1 }));
    await until("told the session ended", () => lapsing.received.some((r) => r.event === "session_ended"), {
      timeoutMs: 5000,
    });
    expect(lapsing.received.find((r) => r.event === "session_ended")?.data).toEqual({
      reason: "token_expired",
      advice: "renew_token",
    });
    await until("disconnected", () => !lapsing.socket.connected);
  });
});
