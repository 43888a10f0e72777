import type { EventDetail, Patient, ReportContent } from "@sofia/protocol";
import type { AuditEvent, Clinic, Credential, Doctor, ReportEventRecord, ReportRecord } from "./records.ts";

/** Clinics and doctors. */
export interface Directory {
  /** Creates the clinic if it does not exist; returns it either way. */
  ensureClinic(clinic: { id: string; name: string; createdAt: string }): Promise<Clinic>;
  getClinic(id: string): Promise<Clinic | null>;
  /** Creates a doctor; throws {@link AlreadyExistsError} when the id is taken. */
  createDoctor(doctor: Doctor): Promise<Doctor>;
  getDoctor(id: string): Promise<Doctor | null>;
  listDoctors(): Promise<Doctor[]>;
}

/** Hashed credentials and their revocation. */
export interface CredentialStore {
  create(credential: Credential): Promise<void>;
  get(id: string): Promise<Credential | null>;
  list(filter?: { doctorId?: string }): Promise<Credential[]>;
  /** Marks a credential revoked. Returns `false` when no such credential exists; idempotent. */
  revoke(id: string, at: string): Promise<boolean>;
  /**
   * Revocations after `cursor` (0 to start), oldest first, and the cursor to pass next time. Hub
   * nodes poll this to close sockets whose credential an operator revoked from another process.
   */
  revokedSince(cursor: number): Promise<{ cursor: number; ids: string[] }>;
}

/** What a producer hands the hub to publish. */
export interface NewReport {
  id: string;
  doctorId: string;
  clinicId: string;
  content: ReportContent;
  patient: Patient | null;
  producerId: string;
  idempotencyKey: string | null;
  createdAt: string;
}

/** Reports and their delivery timelines. */
export interface ReportStore {
  /**
   * Durably stores a report and its `stored` event in one transaction. When the producer already
   * published with the same idempotency key, stores nothing and returns the first report.
   */
  insert(report: NewReport): Promise<{ report: ReportRecord; created: boolean }>;
  get(id: string): Promise<ReportRecord | null>;
  /** The doctor's reports not yet sent, oldest first, at most `limit`. */
  pendingFor(doctorId: string, limit: number): Promise<ReportRecord[]>;
  /** Records that a report was written to a live socket (status `sent`, event `sent`). */
  markSent(reportId: string, at: string, detail: EventDetail): Promise<void>;
  timeline(reportId: string): Promise<ReportEventRecord[]>;
}

/** The append-only audit trail. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** The newest events first. */
  recent(limit: number): Promise<AuditEvent[]>;
}

/**
 * Everything the hub persists, behind one interface so that the embedded SQLite store and the
 * coming PostgreSQL store are interchangeable. No transport code lives behind it.
 */
export interface HubStore {
  directory: Directory;
  credentials: CredentialStore;
  reports: ReportStore;
  audit: AuditLog;
  close(): Promise<void>;
}

/** Thrown when creating something whose id is already taken. */
export class AlreadyExistsError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" already exists`);
    this.name = "AlreadyExistsError";
  }
}
