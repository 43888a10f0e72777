/**
 * `npm run demo:care`: the reference's three care-team scenarios, played against the demo clinic
 * of a hub started here on a temporary embedded store. A doctor (protocol v2 through
 * @sofia/client), a patient (Socket.IO over WebSocket) and a pharmacist (Socket.IO long-polling)
 * connect with tokens of the demo identity provider; the clinic's backend publishes through
 * @sofia/notify; the script prints what each user received, live, and exits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryCursorStore, SofiaClient } from "@sofia/client";
import { SofiaNotify } from "@sofia/notify";
import { NOTIFICATION_EVENTS } from "@sofia/protocol";
import { systemClock } from "@sofia/runtime/clock";
import { io } from "socket.io-client";
import { databasePath } from "../src/config.ts";
import { ensureDemoClinic } from "../src/demo.ts";
import { demoUserToken } from "../src/demo-users.ts";
import { startHub } from "../src/hub.ts";
import { AdminService } from "../src/services/admin.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";

const dir = mkdtempSync(join(tmpdir(), "sofia-demo-care-"));
const store = await openSqliteStore(databasePath(dir), { thread: "worker" });
const demo = await ensureDemoClinic(store, new AdminService(store, systemClock), dir);
const hub = await startHub({
  store,
  port: 0,
  hostname: "127.0.0.1",
  signingSecret: "demo-care-signing-secret-0123456789",
});
const clinic = demo.clinic_id;
const started = Date.now();
const say = (who: string, what: string) =>
  console.log(`${String(Date.now() - started).padStart(5)} ms  ${who.padEnd(11)} ${what}`);
const summary = (event: string, data: Record<string, unknown>) =>
  `${event} ${["request_id", "prescription_id", "record_id", "status"]
    .map((k) => (data[k] ? `${k}=${data[k]}` : ""))
    .join(" ")
    .trim()}`;

// The doctor's web app: protocol v2 through @sofia/client.
const got: Record<string, string[]> = { doctor: [], patient: [], pharmacist: [] };
const doctor = new SofiaClient({
  url: () => `${hub.url.replace(/^http/, "ws")}/v2/ws`,
  credential: () => doctorToken,
  cursor: new MemoryCursorStore(),
  device: "doctor-laptop",
  events: [...NOTIFICATION_EVENTS],
  onDelivery: (d) => {
    got.doctor?.push(d.event);
    say("doctor", `← ${summary(d.event, d.data as Record<string, unknown>)}  (v2, seq ${d.seq})`);
  },
});
const doctorToken = await demoUserToken(demo, "dr-demo", "doctor");
await doctor.start();

// The patient's and the pharmacist's web apps: socket.io-client, as written for any Socket.IO server.
function socketUser(name: "patient" | "pharmacist", token: string, transport: "websocket" | "polling") {
  const socket = io(hub.url, { auth: { token }, transports: [transport] });
  socket.onAny((event: string, data: Record<string, unknown>, _meta: unknown, ack?: () => void) => {
    if (event === "presence") return;
    got[name]?.push(event);
    say(name, `← ${summary(event, data)}  (Socket.IO ${socket.io.engine.transport.name})`);
    ack?.();
  });
  return socket;
}
const patient = socketUser("patient", await demoUserToken(demo, "pat-jane", "patient"), "websocket");
const pharmacist = socketUser("pharmacist", await demoUserToken(demo, "ph-omar", "pharmacist"), "polling");
const connected = () => doctor.state === "connected" && patient.connected && pharmacist.connected;
for (let i = 0; i < 500 && !connected(); i++) await Bun.sleep(10);
await Bun.sleep(100); // let each connection register its user before role-wide publishing

const backend = new SofiaNotify({ hubUrl: hub.url, token: demo.producer_token });
const at = () => new Date().toISOString();
const publish = async (what: string, send: () => Promise<{ recipients: number }>) => {
  const { recipients } = await send();
  say("backend", `→ ${what} (${recipients} inbox${recipients === 1 ? "" : "es"})`);
  await Bun.sleep(150); // a pause between steps, so the output reads as a story
};

console.log("\nScenario 1: an access request");
await publish("new_access_request to pat-jane", () =>
  backend.notifyUser(clinic, "pat-jane", "new_access_request", {
    request_id: "req-1",
    patient_id: "pat-jane",
    doctor_id: "dr-demo",
    doctor_name: "Dr. Demo",
    requested_at: at(),
  }),
);
await publish("access_request_status_changed (approved) to dr-demo", () =>
  backend.notifyUser(clinic, "dr-demo", "access_request_status_changed", {
    request_id: "req-1",
    patient_id: "pat-jane",
    doctor_id: "dr-demo",
    status: "approved",
    changed_at: at(),
  }),
);

console.log("\nScenario 2: a prescription");
const rx = { prescription_id: "rx-1", patient_id: "pat-jane", doctor_id: "dr-demo" };
await publish("prescription validated, to every pharmacist", () =>
  backend.notifyRole(clinic, "pharmacist", "prescription_status_changed", {
    ...rx,
    status: "validated",
    changed_at: at(),
  }),
);
for (const status of ["prepared", "ready", "delivered"] as const) {
  await publish(`prescription ${status}, to pat-jane and dr-demo`, async () => {
    const data = { ...rx, pharmacist_id: "ph-omar", status, changed_at: at() };
    await backend.notifyUser(clinic, "dr-demo", "prescription_status_changed", data);
    return backend.notifyUser(clinic, "pat-jane", "prescription_status_changed", data);
  });
}

console.log("\nScenario 3: a medical record");
await publish("medical_record_created to pat-jane", () =>
  backend.notifyUser(clinic, "pat-jane", "medical_record_created", {
    record_id: "rec-1",
    patient_id: "pat-jane",
    doctor_id: "dr-demo",
    title: "Check-up",
    created_at: at(),
  }),
);
await publish("medical_record_updated to pat-jane", () =>
  backend.notifyUser(clinic, "pat-jane", "medical_record_updated", {
    record_id: "rec-1",
    patient_id: "pat-jane",
    updated_by: "dr-demo",
    updated_at: at(),
  }),
);

await Bun.sleep(300);
console.log("\nWhat each user received:");
for (const [who, events] of Object.entries(got))
  console.log(`  ${who.padEnd(11)} ${events.length}: ${events.join(", ")}`);
doctor.stop();
patient.disconnect();
pharmacist.disconnect();
await hub.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
const expected = { doctor: 4, patient: 6, pharmacist: 1 };
const ok = Object.entries(expected).every(([who, n]) => got[who]?.length === n);
console.log(ok ? "\nEvery user received what the scenarios sent them, once." : "\nSomething was missing (see above).");
process.exit(ok ? 0 : 1);
