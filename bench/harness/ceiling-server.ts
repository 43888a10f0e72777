/**
 * The ceiling: the least a Bun server must do to speak the v2 subset the benchmark uses, all in
 * memory. `POST /v1/reports` with the producer token appends to the doctor's mailbox and answers
 * 202; `/v2/ws` takes `auth` (the same doctor keys, looked up in a Map), answers `welcome`, sends
 * `deliver` frames of the hub's size at most 100 ahead of the cumulative `ack`, and pauses while
 * the socket has more than 1 MiB buffered. No rendering, no SQLite, no audit, no validation
 * beyond what it reads. Run by the harness: bun ceiling-server.ts PORT SECRETS_FILE FRAME_BYTES
 */
import { readFileSync } from "node:fs";
import type { ServerWebSocket } from "bun";
import { peerData, readSecrets, WINDOW } from "./peer-common.ts";

const [, , portArg = "0", secretsFile = "", frameArg = "6000"] = process.argv;
const secrets = readSecrets(readFileSync(secretsFile, "utf8"));
const frameBytes = Number(frameArg);

interface Mailbox {
  items: string[]; // data JSON of seq i+1
  cursor: number;
  socket: ServerWebSocket<Session> | null;
}
interface Session {
  mailbox: Mailbox | null;
  sent: number;
}
const mailboxes = new Map<string, Mailbox>();
const mailbox = (doctor: string) => {
  const found = mailboxes.get(doctor);
  if (found) return found;
  const created: Mailbox = { items: [], cursor: 0, socket: null };
  mailboxes.set(doctor, created);
  return created;
};
let nextId = 0;

function pump(ws: ServerWebSocket<Session>) {
  const m = ws.data.mailbox;
  if (!m || m.socket !== ws) return;
  while (ws.data.sent < m.items.length && ws.data.sent - m.cursor < WINDOW && ws.getBufferedAmount() < 1 << 20) {
    const seq = ++ws.data.sent;
    ws.send(
      `{"type":"deliver","seq":${seq},"id":"dlv_${seq}","event":"report_ready","ts":"${new Date().toISOString()}","data":${m.items[seq - 1]}}`,
    );
  }
}

const server = Bun.serve<Session>({
  port: Number(portArg),
  hostname: "127.0.0.1",
  async fetch(request, srv) {
    const url = new URL(request.url);
    if (url.pathname === "/v2/ws")
      return srv.upgrade(request, { data: { mailbox: null, sent: 0 } })
        ? undefined
        : new Response("upgrade", { status: 426 });
    if (url.pathname !== "/v1/reports" || request.method !== "POST") return new Response("not found", { status: 404 });
    if (request.headers.get("authorization") !== `Bearer ${secrets.producer}`)
      return new Response("unauthorized", { status: 401 });
    const body: unknown = await request.json();
    const doctor = typeof body === "object" && body && "doctor_id" in body ? String(body.doctor_id) : "";
    if (!secrets.doctors.has(doctor)) return new Response("not found", { status: 404 });
    const id = `rep_${++nextId}`;
    const m = mailbox(doctor);
    m.items.push(peerData(id, body, frameBytes));
    if (m.socket) pump(m.socket);
    return Response.json({ id, status: "stored" }, { status: 202 });
  },
  websocket: {
    message(ws, message) {
      const frame: unknown = JSON.parse(String(message));
      if (typeof frame !== "object" || frame === null || !("type" in frame)) return ws.close(4200);
      if (frame.type === "ack" && "seq" in frame && ws.data.mailbox) {
        ws.data.mailbox.cursor = Math.max(ws.data.mailbox.cursor, Number(frame.seq));
        return pump(ws);
      }
      if (frame.type !== "auth" || ws.data.mailbox || !("credential" in frame)) return;
      const doctor = secrets.byKey.get(String(frame.credential));
      if (!doctor) return ws.close(4001);
      const m = mailbox(doctor);
      const cursor = "cursor" in frame ? Math.min(Number(frame.cursor) || 0, m.items.length) : 0;
      m.cursor = Math.max(m.cursor, cursor);
      m.socket?.close(4201);
      m.socket = ws;
      ws.data = { mailbox: m, sent: m.cursor };
      ws.send(JSON.stringify({ type: "welcome", protocol: 2, session_id: `conn_${++nextId}`, resume_from: m.cursor }));
      pump(ws);
    },
    drain: pump,
    close(ws) {
      if (ws.data.mailbox?.socket === ws) ws.data.mailbox.socket = null;
    },
  },
});
console.log(`listening on http://127.0.0.1:${server.port}`);
