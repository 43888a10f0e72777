import type {
  EventDetail,
  Patient,
  ReportContent,
  ReportEventType,
  ReportLayout,
  ReportStatus,
  UserRole,
} from "@sofia/protocol";
import type { ReportCounts } from "../metrics/report-gauges.ts";
import type {
  Agent,
  AgentClientInfo,
  AuditEvent,
  Clinic,
  ClinicUserAuth,
  Credential,
  Cursor,
  Doctor,
  InboxEntry,
  KnownUser,
  MailboxItem,
  NewMailboxItem,
  OutboxItem,
  ReportEventRecord,
  ReportRecord,
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
  /** Sets (or, with `null`, removes) how the clinic's users' JWTs are verified. `false` if no such clinic. */
  setUserAuth(clinicId: string, auth: ClinicUserAuth | null): Promise<boolean>;
  /** Sets the web origins whose pages may connect for the clinic (normalized). `false` if no such clinic. */
  setAllowedOrigins(clinicId: string, origins: readonly string[]): Promise<boolean>;
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
  visitDate: string | null;
  /**
   * The report's mailbox item: where it goes and the finished delivery data (without `url`), which
   * holds the report's renderings: the one copy of them the store keeps; and,
   * when the clinic has web-app users, the inbox of the doctor's own user, which gets it too.
   */
  delivery: { recipient: string; itemId: string; payload: string; userInbox: string | null };
  /** Recorded in the same transaction, so a stored report always has its audit record. */
  audit: AuditEvent;
}

/** A client's statement about a report (protocol v2 `status`). */
export interface ClientStatus {
  consumerId: string;
  statusId: string;
  reportId: string;
  status: "received" | "written" | "held" | "failed";
  at: string;
  detail: EventDetail;
  /**
   * The `report_status_changed` item for the doctor's own inbox (their web app), stored with the
   * status in the same transaction when it is recorded; `null` when the clinic has no users.
   */
  notice: { recipient: string; itemId: string; clinicId: string; payload: string } | null;
}

/** What recording a client status did. */
export type ClientStatusOutcome =
  /** Appended to the report's timeline. */
  | "recorded"
  /** The same (consumer, status id) was recorded before: nothing changed (clients resend). */
  | "repeated"
  /** The report already has {@link MAX_STATUSES_PER_REPORT} statuses: refused, nothing changed. */
  | "limit_reached";

/** One entry to append to a report's timeline. */
export interface NewReportEvent {
  reportId: string;
  at: string;
  type: ReportEventType;
  detail: EventDetail;
}

/** Reports and their delivery timelines. */
export interface ReportStore {
  /**
   * Durably stores a report, its `stored` event, its mailbox item and its audit record in one
   * synced transaction. When the producer already published with the same idempotency key, stores
   * nothing and returns the first report. `seq` is the new item's place in the doctor's mailbox
   * (`null` when nothing was stored).
   */
  insert(report: NewReport): Promise<{ report: ReportRecord; created: boolean; seq: number | null }>;
  get(id: string): Promise<ReportRecord | null>;
  /** Revokes every download link of a report, now and future. `false` if no such report. */
  revokeLinks(reportId: string, at: string): Promise<boolean>;
  /** Appends events to reports' timelines, in order, each with its effects (status, webhook). */
  addEvents(events: NewReportEvent[]): Promise<void>;
  /**
   * Records a client's status once per (consumer, status id), and at most `limit` statuses per
   * report from all consumers together.
   */
  recordClientStatus(status: ClientStatus, limit: number): Promise<ClientStatusOutcome>;
  /**
   * A report's timeline, oldest first: the whole of it, or with `page` the events after the one
   * with id `after` (0: from the start), at most `limit` of them.
   */
  timeline(reportId: string, page?: { after: number; limit: number }): Promise<ReportEventRecord[]>;
  /** A clinic's reports created since `sinceMs`, for the operator's view: counts and the held ones. */
  recent(clinicId: string, sinceMs: number): Promise<RecentReports>;
}

/** A clinic's recent reports as the operator sees them: no content, no patient. */
export interface RecentReports {
  /** Reports per current status (statuses without reports are absent). */
  byStatus: Partial<Record<ReportStatus, number>>;
  /** Held reports, newest first (at most 50): why, in the agent's words, and since when. */
  held: { id: string; doctorId: string; createdAt: string; heldAt: string; reason: string | null }[];
  /** Failed webhook calls about these reports. */
  webhookFailures: number;
}

/**
 * Durable mailboxes: per recipient, items with a strictly increasing `seq`; per consumer, a cursor
 * (the highest seq it has safely processed). Protocol v2 clients move their cursor with acks; a v1
 * socket's cursor moves when a report is written to it.
 */
export interface MailboxStore {
  /** The last sequence number issued for a recipient (0 if none). */
  head(recipient: string): Promise<number>;
  /** Puts an item in its recipient's mailbox; returns it with its seq. */
  append(item: NewMailboxItem): Promise<MailboxItem>;
  /** A consumer's cursor, or `null` if it has none yet. */
  cursor(consumerId: string): Promise<Cursor | null>;
  /**
   * The consumer's cursor, creating it at 0 (`from: "beginning"`: every retained item) or at the
   * current head (`from: "head"`: only what comes next) if it has none.
   */
  openCursor(consumerId: string, recipient: string, from: "beginning" | "head", at: string): Promise<number>;
  /**
   * Moves the consumer's cursor forward to `seq` (never back) and records `acknowledged` for each
   * newly acknowledged, unexpired report item; items in `unsupported` were skipped because the
   * consumer cannot read their event, and are recorded as acknowledged on its behalf. Returns the
   * cursor.
   */
  ack(consumerId: string, seq: number, at: string, unsupported?: readonly number[]): Promise<number>;
  /**
   * Records what one delivery pass wrote to a socket: `sent` timeline events, one audit record, and
   * (for v1, where writing is delivering) the cursor moved to `advanceTo`.
   */
  recordSent(pass: {
    consumerId: string;
    at: string;
    events: NewReportEvent[];
    audit: AuditEvent | null;
    advanceTo: number | null;
  }): Promise<void>;
  /** Items after `afterSeq`, oldest first, at most `limit`. */
  itemsAfter(recipient: string, afterSeq: number, limit: number): Promise<MailboxItem[]>;
  /** Marks items of a user's inbox read, by delivery id; returns the ids that were unread. */
  markRead(recipient: string, ids: readonly string[], at: string): Promise<string[]>;
  /** A page of an inbox, newest first (unexpired items only), and how many items are unread in all. */
  inbox(
    recipient: string,
    query: { unreadOnly: boolean; before: number | null; limit: number },
  ): Promise<{ items: InboxEntry[]; unread: number }>;
  /**
   * Marks as expired every item created before `cutoffMs` that some consumer of its recipient has
   * not acknowledged, recording `expired` in its report's timeline once. Returns how many. With
   * `scope`, only those items of one recipient (what a connection is about to send); without,
   * every mailbox (the periodic sweep).
   */
  expire(cutoffMs: number, at: string, scope?: { recipient: string; seqs: readonly number[] }): Promise<number>;
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
    agent: Omit<Agent, "clinicId" | "doctorId" | "client">;
    credential: Omit<Credential, "clinicId" | "doctorId" | "agentId">;
  }): Promise<Agent | null>;
  get(id: string): Promise<Agent | null>;
  list(): Promise<Agent[]>;
  /** Records what the agent's client said on connecting (name, version, capabilities). */
  seen(agentId: string, client: AgentClientInfo): Promise<void>;
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

/** A notification to store: one item in the inbox of each recipient, in one transaction. */
export interface NewNotification {
  id: string;
  clinicId: string;
  producerId: string;
  /** The room it was addressed to (`roomName`). */
  room: string;
  event: string;
  /** The event's data, as JSON text the hub wrote from the validated request. */
  payload: string;
  dedupeKey: string | null;
  /** A publish with the same producer, room and key since this instant is a repeat. */
  dedupeSinceMs: number;
  createdAt: string;
  createdMs: number;
  /** The inboxes (mailbox recipients) it goes to. */
  recipients: readonly string[];
  audit: AuditEvent;
}

/** Care-team notifications. */
export interface NotificationStore {
  /**
   * Stores a notification in every recipient's inbox (synced). A repeat of a de-duplication key
   * stores nothing and returns the first notification, with `created: false`.
   */
  publish(notification: NewNotification): Promise<{ id: string; created: boolean; recipients: number }>;
}

/** The care-team users the hub has seen, per clinic and role. */
export interface UserStore {
  /** Records that a user connected, with the role their token gave. */
  seen(user: KnownUser, at: string): Promise<void>;
  /** The ids of a clinic's users, of one role or (`null`) of every role. */
  ids(clinicId: string, role: UserRole | null): Promise<string[]>;
}

/** What the hub's metrics read at each scrape (`GET /metrics`). */
export interface StatsStore {
  /** Reports of the last 24 hours by status, the longest hold, deliveries waiting, unread inbox items. */
  counts(nowMs: number): Promise<ReportCounts>;
}

/** The append-only audit trail. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** The newest events first. */
  recent(limit: number): Promise<AuditEvent[]>;
}

/**
 * Everything the hub persists, behind one interface so that the embedded SQLite store and the
 * coming PostgreSQL store are interchangeable. No transport code lives behind it, and no rule:
 * what an event does to a report is decided by `services/report-effects.ts`, which every store
 * applies inside its transaction. Methods reject with a {@link StoreError} when the store fails.
 */
export interface HubStore {
  directory: Directory;
  credentials: CredentialStore;
  reports: ReportStore;
  mailbox: MailboxStore;
  agents: AgentStore;
  webhooks: WebhookStore;
  audit: AuditLog;
  notifications: NotificationStore;
  users: UserStore;
  stats: StatsStore;
  /** Tells `listener` how long each write transaction took, in seconds (stores that can measure it). */
  observeCommits?(listener: (seconds: number) => void): void;
  close(): Promise<void>;
}

export { AlreadyExistsError, StoreError } from "./errors.ts";
