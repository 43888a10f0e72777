import { type Clock, isoAt } from "@sofia/runtime/clock";
import { issueSecret } from "../credentials/secret.ts";
import type { Credential, Doctor, Scope } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/** A secret shown exactly once, with the credential it belongs to. */
export interface IssuedCredential {
  credential: Credential;
  secret: string;
}

/** Operator actions (CLI, demo set-up). Each one is audited with actor `cli`. */
export class AdminService {
  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
  ) {}

  /** Creates a doctor (and its clinic if new) and issues its first doctor key. */
  async addDoctor(input: { doctorId: string; clinicId: string; name?: string; clinicName?: string }): Promise<{
    doctor: Doctor;
    key: IssuedCredential;
  }> {
    const at = this.now();
    await this.store.directory.ensureClinic({
      id: input.clinicId,
      name: input.clinicName ?? input.clinicId,
      createdAt: at,
    });
    const doctor = await this.store.directory.createDoctor({
      id: input.doctorId,
      clinicId: input.clinicId,
      name: input.name ?? input.doctorId,
      createdAt: at,
    });
    await this.audit("doctor.created", doctor.id, doctor.clinicId, {});
    return { doctor, key: await this.issueDoctorKey(doctor) };
  }

  /** Issues another key for an existing doctor (rotation: issue, switch clients, revoke the old one). */
  async issueDoctorKey(doctor: Doctor): Promise<IssuedCredential> {
    const issued = issueSecret("doctor_key");
    const credential: Credential = {
      id: issued.id,
      kind: "doctor_key",
      hash: issued.hash,
      doctorId: doctor.id,
      clinicId: doctor.clinicId,
      agentId: null,
      name: `key for ${doctor.id}`,
      scopes: [],
      createdAt: this.now(),
      revokedAt: null,
    };
    await this.store.credentials.create(credential);
    await this.audit("key.issued", credential.id, doctor.clinicId, { doctor: doctor.id });
    return { credential, secret: issued.secret };
  }

  /** Issues a producer token; `clinicId` confines it to one clinic's doctors and reports. */
  async createProducerToken(input: { name: string; scopes: Scope[]; clinicId?: string }): Promise<IssuedCredential> {
    const issued = issueSecret("producer_token");
    const credential: Credential = {
      id: issued.id,
      kind: "producer_token",
      hash: issued.hash,
      doctorId: null,
      clinicId: input.clinicId ?? null,
      agentId: null,
      name: input.name,
      scopes: input.scopes,
      createdAt: this.now(),
      revokedAt: null,
    };
    await this.store.credentials.create(credential);
    await this.audit("token.issued", credential.id, credential.clinicId, { scopes: input.scopes.join(" ") });
    return { credential, secret: issued.secret };
  }

  /** Revokes any credential by id. Returns `false` when there is no such credential. */
  async revoke(id: string): Promise<boolean> {
    const revoked = await this.store.credentials.revoke(id, this.now());
    if (revoked) await this.audit("credential.revoked", id, null, {});
    return revoked;
  }

  private now(): string {
    return isoAt(this.clock.now());
  }

  private audit(action: string, subject: string, clinicId: string | null, detail: Record<string, string>) {
    return this.store.audit.record({ at: this.now(), actor: "cli", action, subject, clinicId, detail });
  }
}
