import { randomBytes } from "node:crypto";
import type { EnrollRequest, EnrollResponse } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import { hashSecret, issueSecret } from "../credentials/secret.ts";
import { ulid } from "../ids.ts";
import type { AuthGuard } from "../security/auth-guard.ts";
import type { HubStore } from "../store/store.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Default lifetime of an enrollment code. */
export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** What became of an enrollment attempt. */
export type EnrollOutcome =
  | { ok: true; enrolled: EnrollResponse }
  | { ok: false; reason: "invalid_code" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/**
 * One-time enrollment codes (`K7QM-2D9X-F4TB-8NWE`: 80 random bits, easy to read out over the
 * phone) and their exchange for an agent device token bound to one clinic and doctor. Anyone may
 * try a code, so attempts pass the hub's {@link AuthGuard}: an address with too many wrong codes
 * is turned away for a while, and wrong codes reach the audit trail aggregated.
 */
export class EnrollmentService {
  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly guard: AuthGuard | null = null,
  ) {}

  /** Issues a code for a doctor of a clinic; `null` when the doctor is not in that clinic. */
  async createCode(clinicId: string, doctorId: string, ttlMs = ENROLLMENT_CODE_TTL_MS) {
    const doctor = await this.store.directory.getDoctor(doctorId);
    if (!doctor || doctor.clinicId !== clinicId) return null;
    const bytes = randomBytes(16);
    let raw = "";
    for (let i = 0; i < 16; i++) raw += ALPHABET.charAt((bytes[i] ?? 0) % 32);
    const code = raw.match(/.{4}/g)?.join("-") ?? raw;
    const now = this.clock.now();
    await this.store.agents.createEnrollmentCode({
      hash: hashSecret(normalize(code)),
      clinicId,
      doctorId,
      createdAt: isoAt(now),
      expiresMs: now + ttlMs,
    });
    await this.store.audit.record({
      at: isoAt(now),
      actor: "cli",
      action: "enrollment_code.issued",
      subject: doctorId,
      clinicId,
      detail: { expires_at: isoAt(now + ttlMs) },
    });
    return { code, expiresAt: isoAt(now + ttlMs) };
  }

  /** Exchanges a code for a device token, once; `invalid_code` when it is unknown, used or expired. */
  async enroll(request: EnrollRequest, remote: string): Promise<EnrollOutcome> {
    const origin = { remote, action: "agent.enroll_failed" };
    const retryAfterMs = this.guard?.retryAfterMs(remote, null) ?? 0;
    if (retryAfterMs > 0) {
      await this.guard?.refused(origin, null, "rate_limited");
      return { ok: false, reason: "rate_limited", retryAfterMs };
    }
    const now = this.clock.now();
    const issued = issueSecret("device_token");
    const agentId = `agt_${ulid(now)}`;
    const agent = await this.store.agents.enroll({
      codeHash: hashSecret(normalize(request.code)),
      nowMs: now,
      agent: {
        id: agentId,
        name: request.device.name,
        hostname: request.device.hostname ?? null,
        os: request.device.os ?? null,
        version: request.device.version ?? null,
        createdAt: isoAt(now),
      },
      credential: {
        id: issued.id,
        kind: "device_token",
        hash: issued.hash,
        name: `agent ${request.device.name}`,
        scopes: [],
        createdAt: isoAt(now),
        revokedAt: null,
      },
    });
    if (!agent) {
      await this.guard?.refused(origin, null, "invalid_code");
      return { ok: false, reason: "invalid_code" };
    }
    await this.store.audit.record({
      at: isoAt(now),
      actor: issued.id,
      action: "agent.enrolled",
      subject: agent.id,
      clinicId: agent.clinicId,
      detail: { remote, device: request.device.name },
    });
    return {
      ok: true,
      enrolled: {
        agent_id: agent.id,
        device_token: issued.secret,
        doctor_id: agent.doctorId,
        clinic_id: agent.clinicId,
      },
    };
  }
}

/** Codes are typed by people: case and dashes do not matter. */
function normalize(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}
