import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  ApiError,
  CloseCode,
  EnrollRequest,
  MAX_ENROLL_REQUEST_BYTES,
  MAX_JSON_DEPTH,
  MAX_WEBHOOK_REQUEST_BYTES,
  RegisterWebhookRequest,
  V2CloseCode,
} from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";
import { addDoctor, addProducer, sampleReport, startTestHub, type TestHub } from "../support/test-hub.ts";

/** `depth` nested objects around a value: `{"a":{"a":...1...}}`. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/**
 * JSON text with every character of every string written as a 6-byte `\uXXXX` escape: the largest
 * a request of string fields can be (structure characters stay as they are).
 */
const escaped = (value: unknown) =>
  JSON.stringify(value).replace(/[^"{}:,[\]]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * Bodies and frames are bounded before they are parsed (issue 13, risk 6): a route reads at most
 * its own limit, refuses JSON nested deeper than the API uses after one scan of the text, and
 * reads a large body only from an authenticated producer.
 */
describe("size and nesting limits", () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-a");
    token = await addProducer(t);
  });
  afterAll(() => t.stop());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const codeOf = async (response: Response) => ApiError.parse(await response.json()).error.code;

  test("the largest valid enrollment and webhook requests fit their limits", () => {
    const enroll: EnrollRequest = {
      code: "K".repeat(64),
      device: { name: "n".repeat(100), hostname: "h".repeat(255), os: "o".repeat(64), version: "v".repeat(64) },
    };
    expect(EnrollRequest.safeParse(JSON.parse(escaped(enroll))).success).toBe(true);
    expect(Buffer.byteLength(escaped(enroll))).toBeLessThanOrEqual(MAX_ENROLL_REQUEST_BYTES);
    const webhook = { url: `https://hooks.example.com/${"p".repeat(2000 - 26)}` };
    expect(RegisterWebhookRequest.safeParse(JSON.parse(escaped(webhook))).success).toBe(true);
    expect(Buffer.byteLength(escaped(webhook))).toBeLessThanOrEqual(MAX_WEBHOOK_REQUEST_BYTES);
  });

  test("nearly a megabyte to the anonymous enrollment route is refused at its own small limit", async () => {
    const body = nested(150_000); // under the producer API's 1 MiB, far over what enrollment needs
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const response = await post("/v1/agents/enroll", body);
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe("body_too_large");
  });

  test("JSON nested deeper than the API uses is refused before it is parsed", async () => {
    const enroll = await post("/v1/agents/enroll", nested(MAX_JSON_DEPTH + 1));
    expect(enroll.status).toBe(400);
    expect(await codeOf(enroll)).toBe("json_too_deep");
    const report = {
      doctor_id: "dr-a",
      report: sampleReport(),
      patient: JSON.parse(nested(MAX_JSON_DEPTH)) as unknown,
    };
    const publish = await post("/v1/reports", JSON.stringify(report), { authorization: `Bearer ${token}` });
    expect(publish.status).toBe(400);
    expect(await codeOf(publish)).toBe("json_too_deep");
    // At the limit, the body is parsed and judged on its fields.
    const shallow = await post("/v1/agents/enroll", nested(MAX_JSON_DEPTH));
    expect(await codeOf(shallow)).toBe("invalid_body");
  });

  test("an anonymous publish is answered 401 without reading its body", async () => {
    // Headers and one chunk of a chunked body that would be a megabyte: the answer must come now,
    // while the rest is unsent. A hub that read the body first would never answer.
    const answer = await new Promise<string>((resolve, reject) => {
      let received = "";
      const url = new URL(t.url);
      void Bun.connect({
        hostname: url.hostname,
        port: Number(url.port),
        socket: {
          open(socket) {
            socket.write(
              "POST /v1/reports HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            );
            socket.write(`10000\r\n${"[".repeat(0x10000)}\r\n`);
          },
          data(socket, data) {
            received += data.toString();
            if (received.includes("\r\n\r\n")) {
              socket.end();
              resolve(received);
            }
          },
          error: (_socket, error) => reject(error),
        },
      });
    });
    expect(answer).toStartWith("HTTP/1.1 401");
  });

  test("a socket frame nested too deeply is refused before it is parsed", async () => {
    const v1 = await TestSocket.open(t.wsUrl);
    v1.send(`[${nested(MAX_JSON_DEPTH)}]`);
    expect((await v1.next()).json).toMatchObject({ code: 1008, message: expect.stringContaining("nested too deeply") });
    expect((await v1.closed).code).toBe(CloseCode.POLICY_VIOLATION);
    const v2 = await TestSocket.open(t.v2Url);
    v2.send(`[${nested(MAX_JSON_DEPTH)}]`);
    expect((await v2.next()).json).toMatchObject({ message: expect.stringContaining("nested too deeply") });
    expect((await v2.closed).code).toBe(V2CloseCode.PROTOCOL_VIOLATION);
  });
});
