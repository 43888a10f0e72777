/**
 * The peer: what a team would write with Socket.IO 4 on Node for the same job. Doctors connect
 * with their key in the handshake (`auth.token`), checked in a middleware against the same keys,
 * and join a room of their own; `POST /v1/reports` with the producer token emits the delivery (as
 * big as the hub's) to that doctor's room and answers 202. Like most Socket.IO apps it keeps
 * nothing: a doctor who is offline misses the report, so it has no drain and no resume.
 * Run by the harness: node socketio-server.mjs PORT SECRETS_FILE FRAME_BYTES
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";

const [, , portArg = "0", secretsFile = "", frameArg = "6000"] = process.argv;
const Secrets = z.object({ keys: z.array(z.string().max(200)), producer: z.string().max(200) });
const { keys, producer } = Secrets.parse(JSON.parse(readFileSync(secretsFile, "utf8")));
const byKey = new Map(keys.map((key, i) => [key, `dr-${i}`]));
const doctors = new Set(byKey.values());
const frameBytes = Number(frameArg);
let nextId = 0;

/** Same as peerData in peer-common.ts (this file runs on Node, which does not load TypeScript). */
function peerData(reportId, body, bytes) {
  const base = JSON.stringify({ report_id: reportId, report: body, padding: "" });
  return { report_id: reportId, report: body, padding: "x".repeat(Math.max(0, bytes - base.length)) };
}

const http = createServer((request, response) => {
  if (request.url !== "/v1/reports" || request.method !== "POST") return response.writeHead(404).end();
  if (request.headers.authorization !== `Bearer ${producer}`) return response.writeHead(401).end();
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (!doctors.has(body?.doctor_id)) return response.writeHead(404).end();
    const id = `rep_${++nextId}`;
    io.to(`user:${body.doctor_id}`).emit("report_ready", peerData(id, body, frameBytes));
    response.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id, status: "stored" }));
  });
});
const io = new Server(http, { transports: ["websocket"], serveClient: false });
io.use((socket, next) => {
  const doctor = byKey.get(String(socket.handshake.auth?.token));
  if (!doctor) return next(new Error("unauthorized"));
  socket.data.doctor = doctor;
  next();
});
io.on("connection", (socket) => socket.join(`user:${socket.data.doctor}`));
http.listen(Number(portArg), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${http.address().port}`));
