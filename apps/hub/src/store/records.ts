import type {
  EventDetail,
  Patient,
  ReportContent,
  ReportEventType,
  ReportLayout,
  ReportStatus,
  UserRole,
} from "@sofia/protocol";
import type { CredentialKind } from "../credentials/secret.ts";
import type { ClinicAuthConfig } from "../users/clinic-auth-config.ts";

/** A clinic's user-authentication settings as stored (the clinic id is the clinic's own). */
export type ClinicUserAuth = Omit<ClinicAuthConfig, "clinicId">;

/** A care-team user the hub has seen (their identity lives in the customer's system). */
export interface KnownUser {
  clinicId: string;
  userId: string;
  role: UserRole;
}

/** A clinic: the tenant boundary. Doctors, credentials and reports belong to exactly one. */
export interface Clinic {
  id: string;
  name: string;
  /** Whether a doctor may have several agents connected at once (e.g. one per operatory PC). */
  allowMultipleAgents: boolean;
  /** How the clinic's reports are laid out (section order and titles, plain-text options). */
  reportLayout: ReportLayout;
  /** How the clinic's care-team users' JWTs are verified; `null`: the clinic has no web-app users. */
  userAuth: ClinicUserAuth | null;
  /**
   * Web origins whose pages may connect for this clinic (`https://app.example.com`); empty: none.
   * Connections without an `Origin` (native clients) are not affected. See security/browser-origin.ts.
   */
  allowedOrigins: string[];
  createdAt: string;
}

/** A doctor who receives reports. */
export interface Doctor {
  id: string;
  clinicId: string;
  name: string;
  createdAt: string;
}

/** What a credential may do: publish and read reports, publish care-team notifications, read metrics. */
export const SCOPES = ["reports:publish", "reports:read", "notifications:publish", "metrics:read"] as const;
export type Scope = (typeof SCOPES)[number];

/** An issued credential. Only its hash is stored; the secret was shown once. */
export interface Credential {
  id: string;
  kind: CredentialKind;
  hash: string;
  /** The doctor a doctor key or device token belongs to. */
  doctorId: string | null;
  /** The agent a device token belongs to. */
  agentId: string | null;
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
  /** BCP 47 tag of the report's language. */
  language: string;
  /**
   * The visit's date in the clinic's calendar (`YYYY-MM-DD`) as the producer gave it; null when it
   * gave none: the hub does not know the clinic's time zone, so it does not guess (reports stored
   * before this have the UTC date of receipt).
   */
  visitDate: string | null;
  /**
   * The inline renderings, for reports stored between the renderings and the delivery payloads;
   * `null` before them, and since: a report's renderings are stored once, in its delivery payload.
   */
  renderings: StoredRenderings | null;
  /** When an operator revoked the report's download links; every link is refused from then on. */
  linksRevokedAt: string | null;
}

/** HTML, RTF and plain text renderings, kept with the report so delivery never re-renders. */
export interface StoredRenderings {
  html: string;
  rtf: string;
  plaintext: string;
}

/** One entry of a report's timeline. */
export interface ReportEventRecord {
  /** Increases with every event the store appends (to any report): the timeline's page cursor. */
  id: number;
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

/** An enrolled Sofia agent (one clinic PC). */
export interface Agent {
  id: string;
  clinicId: string;
  doctorId: string;
  name: string;
  hostname: string | null;
  os: string | null;
  version: string | null;
  createdAt: string;
  /** What the agent's client last said it is and can take (protocol v2 `auth`), and when. */
  client: AgentClientInfo | null;
}

/** An agent's client as it introduced itself on its last connection. */
export interface AgentClientInfo {
  name: string | null;
  version: string | null;
  /** The capability revision and delivery events it accepts. */
  capabilities: { revision: number; events: string[] };
  lastSeenAt: string;
}

/**
 * One item of a recipient's mailbox: a delivery with its event name and the finished data the
 * hub sends, made once when it was published (health data: never log it).
 */
export interface MailboxItem {
  /** Whose mailbox: `doctor:<id>` (a doctor's reports). */
  recipient: string;
  /** Strictly increasing per recipient, never reused. */
  seq: number;
  /** The delivery's id, stable across resends. */
  id: string;
  clinicId: string;
  /** The delivery event, e.g. `report_ready`. */
  event: string;
  /** The report the item delivers, if it is about one (timeline events go there). */
  reportId: string | null;
  /** The room a notification was addressed to (`roomName`), checked again at delivery; `null` for reports. */
  room: string | null;
  /**
   * The delivery's `data` as JSON text, written by the hub from validated input at publish time
   * (report items omit the signed `url`, which is minted per delivery). `null` only for items
   * stored before payloads existed; their data is rebuilt from the report.
   */
  payload: string | null;
  createdMs: number;
  expiredAt: string | null;
}

/** An inbox item with its reader's read state. */
export interface InboxEntry extends MailboxItem {
  read: boolean;
}

/** What is put in a mailbox; the store assigns `seq`. */
export type NewMailboxItem = Omit<MailboxItem, "seq" | "expiredAt">;

/** A consumer's position in a mailbox. */
export interface Cursor {
  consumerId: string;
  recipient: string;
  ackedSeq: number;
}

/** A registered producer webhook. */
export interface Webhook {
  credentialId: string;
  url: string;
  secret: string;
  createdAt: string;
}

/** A webhook call waiting in the outbox. */
export interface OutboxItem {
  id: number;
  eventId: string;
  credentialId: string;
  reportId: string;
  payload: string;
  attempts: number;
  nextAttemptMs: number;
}
