import { type CredentialKind, parseSecret, secretMatches } from "../credentials/secret.ts";
import type { AttemptOrigin, AuthGuard } from "../security/auth-guard.ts";
import type { RecordCache } from "../store/cache/record-cache.ts";
import type { Clinic, Credential, Doctor, Scope } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/**
 * Why a presented secret was refused. Never tells the client which (all look the same to it),
 * except `rate_limited`: too many refusals from its address, try again after `retryAfterMs`.
 */
export type AuthFailure = "malformed" | "unknown" | "revoked" | "wrong_kind" | "missing_scope" | "rate_limited";

export type AuthResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: AuthFailure; claimedId: string | null; retryAfterMs?: number };

/** A doctor authenticated by one of their keys. */
export interface DoctorPrincipal {
  credential: Credential;
  doctor: Doctor;
}

/**
 * Who a v2 socket speaks for, and whose cursor it moves. Doctor keys share the consumer
 * `doctor:<id>`. Agents share `agents:<doctor>` (one connection at a time, and a replacement PC
 * takes over where the old one stopped) unless the clinic allows several agents per doctor, where
 * each agent is its own consumer `agent:<id>` that starts with reports published after it enrolled.
 */
export interface V2Principal {
  kind: "doctor" | "agent";
  doctor: Doctor;
  clinic: Clinic;
  credential: Credential;
  agentId: string | null;
  consumerId: string;
  cursorFrom: "beginning" | "head";
}

/**
 * Verifies presented secrets against the store's hashes. An attempt that says where it came from
 * (`origin`: a client's request or socket) passes the {@link AuthGuard} first and, if refused,
 * counts against its address and claimed credential; the hub's own checks (demo set-up) do not.
 * With `records`, credentials are read through the hub's record cache (fresh for at most a
 * second, revocations forgotten sooner): the presented secret is still compared with the stored
 * hash on every attempt, and only a credential that matched and is not revoked is kept.
 */
export class Authenticator {
  constructor(
    private readonly store: HubStore,
    private readonly guard: AuthGuard | null = null,
    private readonly records: RecordCache | null = null,
  ) {}

  /** Authenticates a doctor key (socket auth message, `GET /hi`). */
  doctor(secret: string, origin?: AttemptOrigin): Promise<AuthResult<DoctorPrincipal>> {
    return this.guarded(secret, origin, () => this.verifyDoctor(secret));
  }

  /** Authenticates a producer token that must carry at least one of `scopes`. */
  producer(secret: string, scopes: readonly Scope[], origin?: AttemptOrigin): Promise<AuthResult<Credential>> {
    return this.guarded(secret, origin, () => this.verifyProducer(secret, scopes));
  }

  /** Authenticates the credential of a v2 `auth` message: a doctor key or an agent device token. */
  v2(secret: string, origin?: AttemptOrigin): Promise<AuthResult<V2Principal>> {
    return this.guarded(secret, origin, () => this.verifyV2(secret));
  }

  /** Runs `verify` unless the guard refuses the attempt first; reports a refusal to the guard. */
  private async guarded<T>(
    secret: string,
    origin: AttemptOrigin | undefined,
    verify: () => Promise<AuthResult<T>>,
  ): Promise<AuthResult<T>> {
    const guard = origin ? this.guard : null;
    if (!guard || !origin) return verify();
    const claimedId = parseSecret(secret)?.id ?? null;
    const retryAfterMs = guard.retryAfterMs(origin.remote, claimedId);
    if (retryAfterMs > 0) {
      await guard.refused(origin, claimedId, "rate_limited");
      return { ok: false, reason: "rate_limited", claimedId, retryAfterMs };
    }
    const result = await verify();
    // A valid token without the scope is not a guess: it is answered 403 and not counted.
    if (!result.ok && result.reason !== "missing_scope") await guard.refused(origin, claimedId, result.reason);
    return result;
  }

  private async verifyDoctor(secret: string): Promise<AuthResult<DoctorPrincipal>> {
    const checked = await this.verify(secret, ["doctor_key"]);
    if (!checked.ok) return checked;
    const doctorId = checked.value.doctorId;
    const doctor = doctorId ? await this.store.directory.getDoctor(doctorId) : null;
    if (!doctor) return { ok: false, reason: "unknown", claimedId: checked.value.id };
    return { ok: true, value: { credential: checked.value, doctor } };
  }

  private async verifyProducer(secret: string, scopes: readonly Scope[]): Promise<AuthResult<Credential>> {
    const checked = await this.verify(secret, ["producer_token"]);
    if (checked.ok && !scopes.some((s) => checked.value.scopes.includes(s))) {
      return { ok: false, reason: "missing_scope", claimedId: checked.value.id };
    }
    return checked;
  }

  private async verifyV2(secret: string): Promise<AuthResult<V2Principal>> {
    const checked = await this.verify(secret, ["doctor_key", "device_token"]);
    if (!checked.ok) return checked;
    const credential = checked.value;
    const doctor = credential.doctorId ? await this.store.directory.getDoctor(credential.doctorId) : null;
    const clinic = doctor ? await this.store.directory.getClinic(doctor.clinicId) : null;
    if (!doctor || !clinic) return { ok: false, reason: "unknown", claimedId: credential.id };
    const base = { doctor, clinic, credential };
    if (credential.kind === "doctor_key") {
      return {
        ok: true,
        value: { ...base, kind: "doctor", agentId: null, consumerId: `doctor:${doctor.id}`, cursorFrom: "beginning" },
      };
    }
    const agentId = credential.agentId ?? "";
    const own = clinic.allowMultipleAgents;
    return {
      ok: true,
      value: {
        ...base,
        kind: "agent",
        agentId,
        consumerId: own ? `agent:${agentId}` : `agents:${doctor.id}`,
        cursorFrom: own ? "head" : "beginning",
      },
    };
  }

  private async verify(secret: string, kinds: readonly CredentialKind[]): Promise<AuthResult<Credential>> {
    const parsed = parseSecret(secret);
    if (!parsed) return { ok: false, reason: "malformed", claimedId: null };
    if (!kinds.includes(parsed.kind)) return { ok: false, reason: "wrong_kind", claimedId: parsed.id };
    const credential = this.records
      ? await this.records.credential(parsed.id, (found) => secretMatches(secret, found.hash))
      : await this.store.credentials.get(parsed.id);
    if (!credential || !secretMatches(secret, credential.hash)) {
      return { ok: false, reason: "unknown", claimedId: parsed.id };
    }
    if (credential.revokedAt !== null) return { ok: false, reason: "revoked", claimedId: parsed.id };
    return { ok: true, value: credential };
  }
}
