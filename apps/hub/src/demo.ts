import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEMO_USERS } from "./demo-users.ts";
import type { AdminService } from "./services/admin.ts";
import { Authenticator } from "./services/authenticator.ts";
import type { HubStore } from "./store/store.ts";

export const DEMO_CLINIC_ID = "demo-clinic";
export const DEMO_DOCTOR_ID = "dr-demo";
/** The demo clinic's stand-in identity provider: tokens it signs name this issuer and audience. */
export const DEMO_ISSUER = "https://id.demo-clinic.invalid/";
export const DEMO_AUDIENCE = "sofia-hub";

/** The report the demo's curl lines publish (a visit for a pulpitis). */
export const DEMO_REPORT = {
  history: "Pain upper right for 3 days.",
  findings: "Deep caries on 16.",
  diagnosis: "Irreversible pulpitis 16.",
  procedure: "Pulpectomy 16 under local anaesthesia.",
  recommendation: "Return in 1 week for obturation.",
} as const;

/** The demo clinic's credentials. */
export const DemoCredentials = z.object({
  clinic_id: z.string(),
  doctor_id: z.string(),
  doctor_name: z.string(),
  doctor_key: z.string(),
  producer_token: z.string(),
  /** Reads `GET /metrics` (scope `metrics:read`); absent from files of earlier demos. */
  operator_token: z.string().optional(),
  /** How the demo clinic's care-team users' tokens are signed (HS256), so the demo can mint them. */
  user_auth: z.object({ issuer: z.string(), audience: z.string(), secret: z.string().min(32) }),
});
export type DemoCredentials = z.infer<typeof DemoCredentials>;

/**
 * Creates the demo clinic, doctor, doctor key and producer token if missing, and lets the clinic's
 * care-team users sign in with tokens of a demo identity provider (an HS256 secret). The producer
 * token is confined to the demo clinic: its secret is printed on every start. The store keeps only
 * hashes, so the demo's secrets are also kept in `<dataDir>/demo-credentials.json` (mode 0600) to
 * print them on every start; this file exists only for the demo clinic. A secret that no longer
 * works (revoked, or the file was lost) is replaced by a new one.
 */
export async function ensureDemoClinic(
  store: HubStore,
  admin: AdminService,
  dataDir: string,
): Promise<DemoCredentials> {
  const file = join(dataDir, "demo-credentials.json");
  const saved = existsSync(file) ? DemoCredentials.safeParse(readJson(file)) : null;
  const authenticator = new Authenticator(store);
  let doctor = await store.directory.getDoctor(DEMO_DOCTOR_ID);
  let doctorKey = saved?.success ? saved.data.doctor_key : null;
  if (!doctor) {
    const created = await admin.addDoctor({
      doctorId: DEMO_DOCTOR_ID,
      clinicId: DEMO_CLINIC_ID,
      name: "Dr. Demo",
      clinicName: "Demo Dental Clinic",
    });
    doctor = created.doctor;
    doctorKey = created.key.secret;
  } else if (!doctorKey || !(await authenticator.doctor(doctorKey)).ok) {
    doctorKey = (await admin.issueDoctorKey(doctor)).secret;
  }
  let token = saved?.success ? saved.data.producer_token : null;
  const scopes = ["reports:publish", "notifications:publish"] as const;
  const hasScopes = async (t: string) =>
    (await Promise.all(scopes.map(async (scope) => (await authenticator.producer(t, [scope])).ok))).every(Boolean);
  const current = token ? await authenticator.producer(token, [...scopes]) : null;
  const confined = current?.ok === true && current.value.clinicId === DEMO_CLINIC_ID;
  // Printed on every start, so it must not reach other clinics: earlier hubs made it unconfined.
  if (current?.ok && !confined) await admin.revoke(current.value.id);
  if (!token || !confined || !(await hasScopes(token))) {
    const demoToken = { name: "demo producer", scopes: [...scopes], clinicId: DEMO_CLINIC_ID };
    token = (await admin.createProducerToken(demoToken)).secret;
  }
  let operator = saved?.success ? (saved.data.operator_token ?? null) : null;
  if (!operator || !(await authenticator.producer(operator, ["metrics:read"])).ok)
    operator = (await admin.createProducerToken({ name: "demo operator", scopes: ["metrics:read"] })).secret;
  const userAuth = saved?.success
    ? saved.data.user_auth
    : { issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, secret: randomBytes(32).toString("base64url") };
  await store.directory.setUserAuth(doctor.clinicId, {
    issuer: userAuth.issuer,
    audience: userAuth.audience,
    clockSkewSeconds: 30,
    keys: { kind: "shared_secret", secret: userAuth.secret },
  });
  const credentials: DemoCredentials = {
    clinic_id: doctor.clinicId,
    doctor_id: doctor.id,
    doctor_name: doctor.name,
    doctor_key: doctorKey,
    producer_token: token,
    operator_token: operator,
    user_auth: userAuth,
  };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

/** The banner `serve --demo` prints: the credentials and commands to try them, and to connect an agent. */
export function demoBanner(c: DemoCredentials, url: string, dataDir: string): string {
  const ws = url.replace(/^http/, "ws");
  const body = JSON.stringify({
    doctor_id: c.doctor_id,
    patient: { name: "Jane Doe", birthdate: "1980-04-02" },
    report: DEMO_REPORT,
  });
  return [
    "",
    "Sofia hub demo clinic (embedded store)",
    `  clinic          ${c.clinic_id}`,
    `  doctor          ${c.doctor_id} (${c.doctor_name})`,
    `  doctor_key      ${c.doctor_key}`,
    `  producer token  ${c.producer_token}`,
    ...(c.operator_token
      ? [`  operator token  ${c.operator_token}   (metrics: curl -H 'Authorization: Bearer …' ${url}/metrics)`]
      : []),
    "",
    "Receive reports (any WebSocket client), then send the auth message:",
    `  ${ws}/reports/ws`,
    `  {"doctor_key": "${c.doctor_key}"}`,
    "Publish a report:",
    `  curl -s -X POST ${url}/v1/reports -H 'Authorization: Bearer ${c.producer_token}' \\`,
    `    -H 'Content-Type: application/json' -d '${body}'`,
    "Connect a Sofia agent (the clinic PC's client) to the demo doctor: issue a one-time code, then enroll with it:",
    `  npx sofia-hub agents enroll --clinic ${c.clinic_id} --doctor ${c.doctor_id} --data-dir ${dataDir}`,
    `  npx sofia-agent enroll CODE --hub ${url}   (or the downloaded sofia-agent executable; see docs/agent.md)`,
    "",
  ].join("\n");
}

/** Where the console is, and (demo clinic) whom to sign in as. */
export function consoleBanner(url: string, demo: boolean): string {
  const lines = [`Console: ${url}/console/`];
  if (demo) {
    lines.push("  sign in as one of the demo clinic's users (no token to paste):");
    for (const user of DEMO_USERS) lines.push(`    ${user.id.padEnd(10)} ${user.role.padEnd(12)} ${user.name}`);
    lines.push(
      "  admin-sam sees the operator's view; open each user in a tab of its own (a tab keeps its own sign-in).",
    );
  }
  return `${lines.join("\n")}\n`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
