import { type CredentialKind, parseSecret, secretMatches } from "../credentials/secret.ts";
import type { Clinic, Credential, Doctor, Scope } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/** Why a presented secret was refused. Never tells the client which (all look the same to it). */
export type AuthFailure = "malformed" | "unknown" | "revoked" | "wrong_kind" | "missing_scope";

export type AuthResult<T> = { ok: true; value: T } | { ok: false; reason: AuthFailure; claimedId: string | null };

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

/** Verifies presented secrets against the store's hashes. */
export class Authenticator {
  constructor(private readonly store: HubStore) {}

  /** Authenticates a doctor key (socket auth message, `GET /hi`). */
  async doctor(secret: string): Promise<AuthResult<DoctorPrincipal>> {
    const checked = await this.verify(secret, ["doctor_key"]);
    if (!checked.ok) return checked;
    const doctorId = checked.value.doctorId;
    const doctor = doctorId ? await this.store.directory.getDoctor(doctorId) : null;
    if (!doctor) return { ok: false, reason: "unknown", claimedId: checked.value.id };
    return { ok: true, value: { credential: checked.value, doctor } };
  }

  /** Authenticates a producer token that must carry at least one of `scopes`. */
  async producer(secret: string, scopes: readonly Scope[]): Promise<AuthResult<Credential>> {
    const checked = await this.verify(secret, ["producer_token"]);
    if (checked.ok && !scopes.some((s) => checked.value.scopes.includes(s))) {
      return { ok: false, reason: "missing_scope", claimedId: checked.value.id };
    }
    return checked;
  }

  /** Authenticates the credential of a v2 `auth` message: a doctor key or an agent device token. */
  async v2(secret: string): Promise<AuthResult<V2Principal>> {
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
    const credential = await this.store.credentials.get(parsed.id);
    if (!credential || !secretMatches(secret, credential.hash)) {
      return { ok: false, reason: "unknown", claimedId: parsed.id };
    }
    if (credential.revokedAt !== null) return { ok: false, reason: "revoked", claimedId: parsed.id };
    return { ok: true, value: credential };
  }
}
