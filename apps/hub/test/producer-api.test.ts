import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { ApiError, MAX_HTTP_BODY_BYTES, PublishReportResponse, ReportReadyMessage } from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";
import { addDoctor, addProducer, publish, sampleReport, startTestHub, type TestHub } from "./support/test-hub.ts";

describe("POST /v1/reports and GET /v1/reports/:id", () => {
  let t: TestHub;
  let token: string;

  beforeEach(async () => {
    t = await startTestHub();
    await addDoctor(t, "dr-a", "clinic-a");
    await addDoctor(t, "dr-b", "clinic-b");
    token = await addProducer(t);
  });
  afterEach(() => t.stop());

  const valid = () => ({ doctor_id: "dr-a", report: sampleReport() });

  async function errorOf(response: Response) {
    return ApiError.parse(await response.json()).error;
  }

  test("missing or wrong token is 401; a token without the scope is 403", async () => {
    const none = await fetch(`${t.url}/v1/reports`, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe("unauthorized");
    expect((await publish(t, `${token}x`, valid())).status).toBe(401);
    const doctorKey = await addDoctor(t, "dr-c");
    expect((await publish(t, doctorKey, valid())).status).toBe(401);
    const readOnly = await t.admin.createProducerToken({ name: "reader", scopes: ["reports:read"] });
    const forbidden = await publish(t, readOnly.secret, valid());
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).message).toContain("reports:publish");
  });

  test("a revoked token is 401", async () => {
    const [credential] = (await t.store.credentials.list()).filter((c) => c.kind === "producer_token");
    await t.admin.revoke(credential?.id ?? "");
    expect((await publish(t, token, valid())).status).toBe(401);
  });

  test("an invalid body is 400 with one message per field", async () => {
    const response = await publish(t, token, {
      doctor_id: "bad id!",
      report: { history: 1, findings: "f", diagnosis: "d", procedure: "p" },
      patient: { birthdate: "2026-02-30", opendental_patnum: -3 },
      idempotency_key: "",
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_body");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      "doctor_id",
      "idempotency_key",
      "patient.birthdate",
      "patient.opendental_patnum",
      "report.history",
      "report.recommendation",
    ]);
  });

  test("an empty patient object is 400: a patient needs at least one field", async () => {
    const response = await publish(t, token, { ...valid(), patient: {} });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields?.patient?.[0]).toContain("at least one");
  });

  test("malformed JSON is 400, a non-JSON content type 415, an oversized body 413", async () => {
    const post = (body: string, type = "application/json") =>
      fetch(`${t.url}/v1/reports`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
      });
    const malformed = await post("{");
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("invalid_json");
    expect((await post(JSON.stringify(valid()), "text/plain")).status).toBe(415);
    const big = await post(JSON.stringify({ ...valid(), pad: "x".repeat(MAX_HTTP_BODY_BYTES) }));
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe("body_too_large");
  });

  test("an unknown doctor is 404", async () => {
    const response = await publish(t, token, { ...valid(), doctor_id: "dr-nobody" });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toContain("dr-nobody");
  });

  test("a repeat with the same idempotency key returns the first report and delivers once", async () => {
    const body = { ...valid(), idempotency_key: "visit-123" };
    const first = await publish(t, token, body);
    expect(first.status).toBe(202);
    const second = await publish(t, token, body);
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const firstId = PublishReportResponse.parse(await first.json()).id;
    expect(PublishReportResponse.parse(await second.json()).id).toBe(firstId);
    const socket = await TestSocket.authenticated(t.wsUrl, (await addDoctorKey(t, "dr-a")) ?? "");
    expect(ReportReadyMessage.parse((await socket.next()).json).report_id).toBe(firstId);
    await socket.roundTrip();
    expect(socket.buffered).toBe(0);
    socket.close();
  });

  test("reusing an idempotency key with a different body is 409", async () => {
    await publish(t, token, { ...valid(), idempotency_key: "k1" });
    const conflict = await publish(t, token, { ...valid(), report: sampleReport("other"), idempotency_key: "k1" });
    expect(conflict.status).toBe(409);
    expect((await errorOf(conflict)).code).toBe("idempotency_conflict");
  });

  test("idempotency keys are per producer: another producer's same key makes a new report", async () => {
    const other = await addProducer(t);
    const a = PublishReportResponse.parse(await (await publish(t, token, { ...valid(), idempotency_key: "k" })).json());
    const b = PublishReportResponse.parse(await (await publish(t, other, { ...valid(), idempotency_key: "k" })).json());
    expect(a.id).not.toBe(b.id);
  });

  test("a clinic-confined token cannot reach another clinic's doctors or reports", async () => {
    const clinicA = await addProducer(t, "clinic-a");
    expect((await publish(t, clinicA, { ...valid(), doctor_id: "dr-b" })).status).toBe(404);
    const ofB = PublishReportResponse.parse(await (await publish(t, token, { ...valid(), doctor_id: "dr-b" })).json());
    const read = await fetch(`${t.url}/v1/reports/${ofB.id}`, { headers: { authorization: `Bearer ${clinicA}` } });
    expect(read.status).toBe(404);
    expect((await publish(t, clinicA, valid())).status).toBe(202);
  });

  test("GET of an unknown report is 404, and unknown routes answer JSON 404", async () => {
    const unknown = await fetch(`${t.url}/v1/reports/rep_nope`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(404);
    const route = await fetch(`${t.url}/v2/nothing`);
    expect(route.status).toBe(404);
    expect((await errorOf(route)).code).toBe("not_found");
  });
});

/** Issues another key for a doctor (the first one's secret was not kept by `addDoctor` callers here). */
async function addDoctorKey(t: TestHub, doctorId: string): Promise<string | null> {
  const doctor = await t.store.directory.getDoctor(doctorId);
  return doctor ? (await t.admin.issueDoctorKey(doctor)).secret : null;
}
