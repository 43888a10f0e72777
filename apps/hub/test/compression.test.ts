import { afterEach, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { until } from "@sofia/testing";
import { COMPRESS_ABOVE_BYTES } from "../src/ws/compression.ts";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

/** One WebSocket frame as it crossed the wire: whether it was compressed (RSV1) and its length. */
interface WireFrame {
  compressed: boolean;
  opcode: number;
  length: number;
}

/**
 * A raw WebSocket client on a TCP socket, so the test sees the frames' header bits: it offers
 * permessage-deflate in the handshake and records each frame's RSV1 bit (set = compressed).
 */
async function rawClient(port: number, path: string) {
  const socket: Socket = connect(port, "127.0.0.1");
  let buffer = Buffer.alloc(0);
  const frames: WireFrame[] = [];
  let headers = "";
  socket.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, typeof chunk === "string" ? Buffer.from(chunk) : chunk]);
    if (!headers) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      headers = buffer.subarray(0, end).toString();
      buffer = buffer.subarray(end + 4);
    }
    for (;;) {
      if (buffer.length < 2) return;
      const [b0 = 0, b1 = 0] = buffer;
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) return;
      frames.push({ compressed: (b0 & 0x40) !== 0, opcode: b0 & 0x0f, length });
      buffer = buffer.subarray(offset + length);
    }
  });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${Buffer.from("0123456789abcdef").toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
      "",
      "",
    ].join("\r\n"),
  );
  const sendText = (text: string) => {
    const payload = Buffer.from(text);
    const mask = Buffer.from([1, 2, 3, 4]);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, 0x80 | payload.length])
        : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
    socket.write(Buffer.concat([header, mask, masked]));
  };
  return { frames, headers: () => headers, sendText, close: () => socket.destroy() };
}

let t: TestHub;
afterEach(() => t.stop());

test("by default the hub declines permessage-deflate and sends a delivery as it is", async () => {
  t = await startTestHub();
  const key = await addDoctor(t, "dr-a");
  const token = await addProducer(t);
  const client = await rawClient(t.hub.port, "/v2/ws");
  await until("the handshake is answered", () => client.headers() !== "");
  expect(client.headers()).not.toMatch(/permessage-deflate/i);
  client.sendText(JSON.stringify({ type: "auth", credential: key }));
  await until("the welcome arrives", () => client.frames.length >= 1);
  expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("x".repeat(400)) })).status).toBe(202);
  await until("the delivery arrives", () => client.frames.length >= 2);
  expect(client.frames[1]).toMatchObject({ compressed: false, opcode: 1 });
  expect(client.frames[1]?.length).toBeGreaterThan(COMPRESS_ABOVE_BYTES);
  client.close();
});

test("with compressFrames, large frames go compressed to a client that negotiated permessage-deflate; small ones do not", async () => {
  t = await startTestHub({ extra: { compressFrames: true } });
  const key = await addDoctor(t, "dr-a");
  const token = await addProducer(t);
  const client = await rawClient(t.hub.port, "/v2/ws");
  await until("the handshake is answered", () => client.headers() !== "");
  expect(client.headers()).toMatch(/Sec-WebSocket-Extensions: permessage-deflate/i);
  client.sendText(JSON.stringify({ type: "auth", credential: key }));
  await until("the welcome arrives", () => client.frames.length >= 1);
  expect((await publish(t, token, { doctor_id: "dr-a", report: sampleReport("x".repeat(400)) })).status).toBe(202);
  await until("the delivery arrives", () => client.frames.length >= 2);
  const [welcome, delivery] = client.frames;
  // The welcome is a few hundred bytes: sent as it is. The delivery (over the threshold before
  // compression) arrives compressed, and smaller than the threshold on the wire.
  expect(welcome).toMatchObject({ compressed: false, opcode: 1 });
  expect(delivery).toMatchObject({ compressed: true, opcode: 1 });
  expect(delivery?.length).toBeLessThan(COMPRESS_ABOVE_BYTES * 3);
  client.close();
});
