import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { CloseCode, ErrorMessage, MAX_V1_INBOUND_FRAME_BYTES, MAX_V1_INVALID_FRAMES } from "@sofia/protocol";
import { closedWithin, TestSocket } from "@sofia/testing";
import { addDoctor, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("/reports/ws answers bad input with an error or a documented close, never a crash", () => {
  let t: TestHub;
  let key: string;

  beforeEach(async () => {
    t = await startTestHub();
    key = await addDoctor(t, "dr-a");
  });
  afterEach(async () => {
    // Whatever a test sent, the hub still serves HTTP and accepts new sockets.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    (await TestSocket.authenticated(t.wsUrl, key)).close();
    await t.stop();
  });

  test.each([
    ["malformed JSON", "{not json", "malformed JSON"],
    ["an unknown message type", JSON.stringify({ type: "subscribe" }), 'unknown message type "subscribe"'],
    ["a JSON value that is not a message", "42", 'expected {"doctor_key": "..."}'],
    ["a second auth message", JSON.stringify({ doctor_key: "sdk_x" }), "already authenticated"],
  ])("after auth, %s gets error 4000 and the socket stays open", async (_, frame, reason) => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    socket.send(frame);
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error.code).toBe(CloseCode.GENERIC_ERROR);
    expect(error.message).toContain(reason);
    await socket.roundTrip();
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  test("after auth, a binary frame gets error 4000 and the socket stays open", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    socket.send(new Uint8Array([1, 2, 3]));
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error).toMatchObject({ code: CloseCode.GENERIC_ERROR, message: expect.stringContaining("binary") });
    await socket.roundTrip();
    socket.close();
  });

  test.each([
    ["a binary frame", new Uint8Array([0xff, 0x00])],
    ["malformed JSON", "{"],
    ["an unknown message type", JSON.stringify({ type: "report_ready" })],
    ["an auth message with an empty key", JSON.stringify({ doctor_key: "" })],
    ["an auth message with a key that is not a string", JSON.stringify({ doctor_key: 12 })],
  ])("before auth, %s is a policy violation: error then close 1008", async (_, frame) => {
    const socket = await TestSocket.open(t.wsUrl);
    socket.send(frame);
    const error = ErrorMessage.parse((await socket.next()).json);
    expect(error.code).toBe(CloseCode.POLICY_VIOLATION);
    expect(error.message).toStartWith("authentication required");
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test(`a frame over ${MAX_V1_INBOUND_FRAME_BYTES} bytes closes the socket with 1009`, async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    socket.send("x".repeat(MAX_V1_INBOUND_FRAME_BYTES + 1));
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.MESSAGE_TOO_BIG);
  });

  test("a frame of exactly the limit is read (and answered as malformed)", async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    socket.send("x".repeat(MAX_V1_INBOUND_FRAME_BYTES));
    expect(ErrorMessage.parse((await socket.next()).json).code).toBe(CloseCode.GENERIC_ERROR);
    socket.close();
  });

  test(`more than ${MAX_V1_INVALID_FRAMES} invalid frames close the socket with 1008`, async () => {
    const socket = await TestSocket.authenticated(t.wsUrl, key);
    for (let i = 0; i <= MAX_V1_INVALID_FRAMES; i++) socket.send("garbage");
    const codes: number[] = [];
    for (let i = 0; i <= MAX_V1_INVALID_FRAMES; i++) codes.push(ErrorMessage.parse((await socket.next()).json).code);
    expect(codes.slice(0, MAX_V1_INVALID_FRAMES).every((c) => c === CloseCode.GENERIC_ERROR)).toBe(true);
    expect(codes.at(-1)).toBe(CloseCode.POLICY_VIOLATION);
    expect((await closedWithin(socket, 2000)).code).toBe(CloseCode.POLICY_VIOLATION);
  });

  test("a plain HTTP request to /reports/ws gets 426 with an explanation", async () => {
    const response = await fetch(`${t.url}/reports/ws`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: { code: "upgrade_required" } });
  });
});
