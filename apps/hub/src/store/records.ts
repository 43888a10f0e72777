import type { EventDetail, Patient, ReportContent, ReportEventType, ReportStatus } from "@sofia/protocol";
import type { CredentialKind } from "../credentials/secret.ts";

/** A clinic: the tenant boundary. Doctors, credentials and reports belong to exactly one. */
export interface Clinic {
  id: string;
  name: string;
  createdAt: string;
}

/** A doctor who receives reports. */
export interface Doctor {
  id: string;
  clinicId: string;
  name: string;
  createdAt: string;
}

/** What a credential may do. */
export type Scope = "reports:publish" | "reports:read";

/** An issued credential. Only its hash is stored; the secret was shown once. */
export interface Credential {
  id: string;
  kind: CredentialKind;
  hash: string;
  /** The doctor a doctor key belongs to. */
  doctorId: string | null;
  /** The clinic a credential is confined to; `null` for a producer token that may serve every clinic. */
  clinicId: string | null;
  name: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

/** A stored report with its content (health data: never log it). */
export interface ReportRecord {
  id: string;
  doctorId: string;
  clinicId: string;
  content: ReportContent;
  patient: Patient | null;
  status: ReportStatus;
  producerId: string;
  idempotencyKey: string | null;
  createdAt: string;
}

/** One entry of a report's timeline. */
export interface ReportEventRecord {
  reportId: string;
  at: string;
  type: ReportEventType;
  detail: EventDetail;
}

/** Who did what, when: every authentication, issue, revocation and delivery. */
export interface AuditEvent {
  at: string;
  /** A credential id, `cli` for an operator's command, or `anonymous`. */
  actor: string;
  action: string;
  /** What the action was about: a report, doctor or credential id. */
  subject: string | null;
  clinicId: string | null;
  detail: EventDetail;
}
