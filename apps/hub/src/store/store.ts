import type { EventDetail, Patient, ReportContent, ReportEventType, ReportLayout } from "@sofia/protocol";
import type {
  Agent,
  AuditEvent,
  Clinic,
  Credential,
  Doctor,
  MailboxEntry,
  OutboxItem,
  ReportEventRecord,
  ReportRecord,
  StoredRenderings,
  Webhook,
} from "./records.ts";

/** Clinics and doctors. */
export interface Directory {
  /** Creates the clinic if it does not exist; returns it either way. */
  ensureClinic(clinic: { id: string; name: string; createdAt: string }): Promise<Clinic>;
  getClinic(id: string): Promise<Clinic | null>;
  /** Sets whether the clinic's doctors may have several agents connected at once. `false` if no such clinic. */
  setAllowMultipleAgents(clinicId: string, allow: boolean): Promise<boolean>;
  /** Sets how the clinic's reports are laid out; applies to reports published afterwards. `false` if no such clinic. */
  setReportLayout(clinicId: string, layout: ReportLayout): Promise<boolean>;
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
  /** `createdAt` as epoch milliseconds, for retention. */
  createdMs: number;
  language: string;
  visitDate: string;
  renderings: StoredRenderings;
}

/** A client's statement about a report (protocol v2 `status`). */
export interface ClientStatus {
  consumerId: string;
  statusId: string;
  reportId: string;
  status: "received" | "written" | "held" | "failed";
  at: string;
  detail: EventDetail;
}

/** Reports and their delivery timelines. */
export interface ReportStore {
  /**
   * Durably stores a report, its `stored` event and its item in the doctor's v2 mailbox in one
   * transaction. When the producer already published with the same idempotency key, stores nothing
   * and returns the first report.
   */
  insert(report: NewReport): Promise<{ report: ReportRecord; created: boolean }>;
  get(id: string): Promise<ReportRecord | null>;
  /** Revokes every download link of a report, now and future. `false` if no such report. */
  revokeLinks(reportId: string, at: string): Promise<boolean>;
  /** The doctor's reports not yet sent to a v1 socket, oldest first, at most `limit`. */
  pendingV1For(doctorId: string, limit: number): Promise<ReportRecord[]>;
  /** Records that a report was written to the doctor's v1 socket: event `sent`, no longer pending for v1. */
  markSentV1(reportId: string, at: string, detail: EventDetail): Promise<void>;
  /** Appends an event to a report's timeline (moving its status as {@link nextStatus} says). */
  addEvent(reportId: string, at: string, type: ReportEventType, detail: EventDetail): Promise<void>;
  /**
   * Records a client's status once per (consumer, status id). Returns `false` for a repeat, which
   * changes nothing (clients resend until acknowledged).
   */
  recordClientStatus(status: ClientStatus): Promise<boolean>;
  timeline(reportId: string): Promise<ReportEventRecord[]>;
}

/** Protocol v2's durable per-doctor mailboxes and per-consumer cursors. */
export interface MailboxStore {
  /** The last sequence number issued for a doctor (0 if none). */
  head(doctorId: string): Promise<number>;
  /**
   * The consumer's acknowledged seq, creating its cursor at 0 (`from: "beginning"`: every retained
   * item) or at the current head (`from: "head"`: only what comes next) if it has none.
   */
  openCursor(consumerId: string, doctorId: string, from: "beginning" | "head", at: string): Promise<number>;
  /**
   * Moves the consumer's cursor forward to `seq` (never back) and records `acknowledged` for each
   * newly acknowledged, unexpired item. Returns the cursor.
   */
  ack(consumerId: string, seq: number, at: string): Promise<number>;
  /** Items after `afterSeq`, oldest first, at most `limit`. */
  itemsAfter(doctorId: string, afterSeq: number, limit: number): Promise<MailboxEntry[]>;
  /**
   * Marks as expired every item created before `cutoffMs` that some consumer of its doctor has not
   * acknowledged, recording `expired` in its report's timeline once. Returns how many. With
   * `scope`, only that doctor's items after `afterSeq` (what a connection is about to send);
   * without, every mailbox (the periodic sweep).
   */
  expire(cutoffMs: number, at: string, scope?: { doctorId: string; afterSeq: number }): Promise<number>;
}

/** Agents and their one-time enrollment codes. */
export interface AgentStore {
  createEnrollmentCode(code: {
    hash: string;
    clinicId: string;
    doctorId: string;
    createdAt: string;
    expiresMs: number;
  }): Promise<void>;
  /**
   * Consumes an unused, unexpired code and creates the agent and its device credential, all in one
   * transaction. Returns `null` when the code is unknown, used or expired.
   */
  enroll(input: {
    codeHash: string;
    nowMs: number;
    agent: Omit<Agent, "clinicId" | "doctorId">;
    credential: Omit<Credential, "clinicId" | "doctorId" | "agentId">;
  }): Promise<Agent | null>;
  get(id: string): Promise<Agent | null>;
  list(): Promise<Agent[]>;
}

/** Producer webhooks and their transactional outbox. */
export interface WebhookStore {
  set(webhook: Webhook): Promise<void>;
  get(credentialId: string): Promise<Webhook | null>;
  /** Outbox items due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): Promise<OutboxItem[]>;
  /** Records a successful call (timeline `webhook_delivered`). */
  delivered(item: OutboxItem, at: string, detail: EventDetail): Promise<void>;
  /** Records a failed call (timeline `webhook_failed`) and when to try again (`null`: give up). */
  failed(item: OutboxItem, at: string, nextAttemptMs: number | null, detail: EventDetail): Promise<void>;
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
  mailbox: MailboxStore;
  agents: AgentStore;
  webhooks: WebhookStore;
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
