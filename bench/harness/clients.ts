/**
 * The load generator's side of each target: open a connection, authenticate, and be told of each
 * delivery's report id. v2 clients (hub and ceiling) acknowledge the way `@sofia/client` does:
 * once per turn of the event loop for everything received, and at least every 32 deliveries.
 */
import { io } from "socket.io-client";

/** Which protocol a client speaks. */
export type ClientKind = "v1" | "v2" | "socketio";

/** An authenticated connection. */
export interface Conn {
  close(): void;
}

/** Called with the report id of each delivery, as it arrives. */
export type OnDelivery = (reportId: string) => void;

const reportIdOf = (data: unknown) =>
  typeof data === "object" && data !== null && "report_id" in data ? String(data.report_id) : "";

function openWs(
  url: string,
  onOpen: (ws: WebSocket) => void,
  onText: (ws: WebSocket, text: string) => void,
  fail: (e: Error) => void,
) {
  const ws = new WebSocket(url);
  ws.onopen = () => onOpen(ws);
  ws.onmessage = (event) => onText(ws, String(event.data));
  ws.onerror = () => fail(new Error(`socket error on ${url}`));
  ws.onclose = (event) => fail(new Error(`closed ${event.code} ${event.reason}`));
  return ws;
}

/** Connects to `base` (http://host:port) as the doctor whose key is `key`; resolves once authenticated. */
export function connect(kind: ClientKind, base: string, key: string, onDelivery: OnDelivery = () => {}): Promise<Conn> {
  const wsBase = base.replace(/^http/, "ws");
  return new Promise<Conn>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not authenticated within 30 s")), 30_000);
    const done = (conn: Conn) => {
      clearTimeout(timer);
      resolve(conn);
    };
    if (kind === "socketio") {
      const socket = io(base, { transports: ["websocket"], auth: { token: key }, reconnection: false, forceNew: true });
      socket.on("connect", () => done({ close: () => socket.close() }));
      socket.on("connect_error", (e) => reject(e));
      socket.on("report_ready", (data: unknown) => onDelivery(reportIdOf(data)));
      return;
    }
    if (kind === "v1") {
      // v1 answers nothing to auth; a `pong` after it means the hub has read the auth frame.
      openWs(
        `${wsBase}/reports/ws`,
        (ws) => {
          ws.send(JSON.stringify({ doctor_key: key }));
          ws.send("ping");
        },
        (ws, text) => {
          if (text === "pong") return done({ close: () => ws.close() });
          onDelivery(reportIdOf(JSON.parse(text)));
        },
        reject,
      );
      return;
    }
    let highest = 0;
    let acked = 0;
    let scheduled = false;
    const ack = (ws: WebSocket) => {
      scheduled = false;
      if (highest <= acked || ws.readyState !== WebSocket.OPEN) return;
      acked = highest;
      ws.send(JSON.stringify({ type: "ack", seq: acked }));
    };
    const auth = {
      type: "auth",
      credential: key,
      capabilities: { revision: 1, events: ["report_ready", "report_expired"] },
    };
    openWs(
      `${wsBase}/v2/ws`,
      (ws) => ws.send(JSON.stringify(auth)),
      (ws, text) => {
        const frame: unknown = JSON.parse(text);
        if (typeof frame !== "object" || frame === null || !("type" in frame)) return;
        if (frame.type === "welcome") return done({ close: () => ws.close() });
        if (frame.type === "ping") return ws.send(JSON.stringify({ type: "pong" }));
        if (frame.type !== "deliver" || !("seq" in frame) || !("data" in frame)) return;
        highest = Math.max(highest, Number(frame.seq));
        onDelivery(reportIdOf(frame.data));
        if (highest - acked >= 32) ack(ws);
        else if (!scheduled) {
          scheduled = true;
          setImmediate(() => ack(ws));
        }
      },
      reject,
    );
  });
}

/** Runs `task(i)` for i in [0, n) with at most `limit` at once; resolves with the results in order. */
export async function pool<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}
