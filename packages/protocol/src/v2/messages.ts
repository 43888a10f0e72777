import { z } from "zod";
import { Timestamp } from "../ids.ts";
import { UserRole } from "../notifications/roles.ts";
import { ReportReadyData } from "../v1/messages.ts";
import { Capabilities, DeliveryEventName } from "./capabilities.ts";
import { PROTOCOL_VERSION } from "./constants.ts";
import { ClientReportStatus, TargetRef } from "./report-target.ts";
import {
  CARE_TEAM_DELIVERY_DATA,
  DeviceId,
  V2Inbox,
  V2InboxRequest,
  V2MarkRead,
  V2Presence,
  V2Read,
  V2Refresh,
  V2Refreshed,
} from "./users.ts";

const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Cursor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ── client → hub ─────────────────────────────────────────────────────────────────────────────

/**
 * The first message: one credential (doctor key `sdk_…` or agent device token `sdt_…`), the
 * cursor the client has safely processed (0 or absent: nothing yet), and what the client can take
 * (absent: revision 0, see `capabilities.ts`).
 */
export const V2Auth = z.object({
  type: z.literal("auth"),
  /** A doctor key, an agent device token, or a care-team user's JWT. */
  credential: z.string().min(1).max(8192),
  /** A user's device (users only): the cursor is kept per device. Default `default`. */
  device: DeviceId.optional(),
  cursor: Cursor.optional(),
  client: z.object({ name: z.string().max(64), version: z.string().max(32) }).optional(),
  capabilities: Capabilities.optional(),
});
export type V2Auth = z.infer<typeof V2Auth>;

/** Cumulative acknowledgement: every delivery up to and including `seq` is safe at the client. */
export const V2Ack = z.object({ type: z.literal("ack"), seq: Seq });
export type V2Ack = z.infer<typeof V2Ack>;

export { ClientReportStatus, TargetRef } from "./report-target.ts";

/**
 * A report's fate at the client. `status_id` is chosen by the client and makes the message
 * idempotent: resend it until `status_ack` arrives. `held` and `failed` need a `reason`.
 */
export const V2Status = z
  .object({
    type: z.literal("status"),
    status_id: z.string().min(1).max(64),
    report_id: z.string().min(1).max(64),
    status: ClientReportStatus,
    reason: z.string().min(1).max(1000).optional(),
    target: TargetRef.optional(),
  })
  .refine((s) => (s.status === "held" || s.status === "failed" ? s.reason !== undefined : true), {
    message: "held and failed need a reason",
    path: ["reason"],
  });
export type V2Status = z.infer<typeof V2Status>;

/** Answer to the hub's `ping`. */
export const V2Pong = z.object({ type: z.literal("pong"), ts: z.number().optional() });

/** A client may ping too; the hub answers `pong`. */
export const V2Ping = z.object({ type: z.literal("ping"), ts: z.number().optional() });

/** Every message a v2 client may send, discriminated on `type`. */
export const V2ClientMessage = z.discriminatedUnion("type", [
  V2Auth,
  V2Ack,
  V2Status,
  V2Pong,
  V2Ping,
  V2Refresh,
  V2MarkRead,
  V2InboxRequest,
]);
export type V2ClientMessage = z.infer<typeof V2ClientMessage>;

// ── hub → client ─────────────────────────────────────────────────────────────────────────────

/** Who the hub authenticated: a doctor key or an agent's device token. */
export const ReportPrincipal = z.object({
  kind: z.enum(["doctor", "agent"]),
  doctor_id: z.string(),
  clinic_id: z.string(),
  credential_id: z.string(),
  /** The agent device, for device tokens; `null` for doctor keys. */
  agent_id: z.string().nullable(),
});

/** A care-team user, authenticated by their identity system's JWT. */
export const UserPrincipal = z.object({
  kind: z.literal("user"),
  user_id: z.string(),
  role: UserRole,
  clinic_id: z.string(),
  device: z.string(),
  /** When the token expires; send `refresh` with a new one before then. */
  expires_at: Timestamp,
});

/** Who the hub authenticated. */
export const Principal = z.union([ReportPrincipal, UserPrincipal]);
export type Principal = z.infer<typeof Principal>;

/** Sent after a successful `auth`. Deliveries follow, from `resume_from + 1`. */
export const V2Welcome = z.object({
  type: z.literal("welcome"),
  protocol: z.literal(PROTOCOL_VERSION),
  session_id: z.string(),
  principal: Principal,
  heartbeat_ms: z.number().int().positive(),
  /** The last sequence number the hub counts as safe at this client. */
  resume_from: Cursor,
  server_time: Timestamp,
  /**
   * What the hub will send this connection: the client's revision and the events of its list the
   * hub knows. Absent from hubs older than capability revisions.
   */
  capabilities: Capabilities.optional(),
});
export type V2Welcome = z.infer<typeof V2Welcome>;

const DeliverBase = z.object({
  type: z.literal("deliver"),
  /** Strictly increasing per recipient, never reused, durable across hub restarts. */
  seq: Seq,
  /** The delivery's id, stable across resends. */
  id: z.string(),
  ts: Timestamp,
});

/** A report for the recipient: the same data as a v1 `report_ready`. */
export const DeliverReportReady = DeliverBase.extend({ event: z.literal("report_ready"), data: ReportReadyData });

/**
 * A delivery whose retention ran out before the client acknowledged it. Its content is gone; the
 * producer was told. Acknowledge it like any delivery.
 */
export const DeliverReportExpired = DeliverBase.extend({
  event: z.literal("report_expired"),
  data: z.object({ report_id: z.string(), created_at: Timestamp, expired_at: Timestamp }),
});

/** Deliveries of the care-team catalog, to users' connections (docs/notifications.md). */
const deliverOf = <const E extends keyof typeof CARE_TEAM_DELIVERY_DATA>(event: E) =>
  DeliverBase.extend({ event: z.literal(event), data: CARE_TEAM_DELIVERY_DATA[event] });
const careTeamDeliveries = [
  deliverOf("new_access_request"),
  deliverOf("access_request_status_changed"),
  deliverOf("prescription_status_changed"),
  deliverOf("medical_record_created"),
  deliverOf("medical_record_updated"),
  deliverOf("notification"),
  deliverOf("report_status_changed"),
] as const;

/** Every delivery event this version knows, discriminated on `event`. */
export const V2Deliver = z.discriminatedUnion("event", [
  DeliverReportReady,
  DeliverReportExpired,
  ...careTeamDeliveries,
]);
export type V2Deliver = z.infer<typeof V2Deliver>;

/** A delivery about a report: what clinic agents and doctor keys receive. */
export type ReportDelivery = z.infer<typeof DeliverReportReady> | z.infer<typeof DeliverReportExpired>;

/** Whether a delivery is about a report (`report_ready`, `report_expired`). */
export function isReportDelivery(delivery: V2Deliver): delivery is ReportDelivery {
  return delivery.event === "report_ready" || delivery.event === "report_expired";
}

/**
 * A delivery of an event this version does not know (a newer hub's). A client of revision 1
 * acknowledges it like any other, after recording that it could not read it, and goes on.
 */
export const DeliverUnknown = DeliverBase.extend({ event: DeliveryEventName, data: z.unknown() });
export type DeliverUnknown = z.infer<typeof DeliverUnknown>;

/** The hub's heartbeat; answer with `pong`. */
export const V2HubPing = z.object({ type: z.literal("ping"), ts: z.number() });
/** The answer to a client's `ping`. */
export const V2HubPong = z.object({ type: z.literal("pong"), ts: z.number() });

/** Confirms a `status` is durably recorded. */
export const V2StatusAck = z.object({ type: z.literal("status_ack"), status_id: z.string() });

/**
 * An error. `fatal: true` means a close with `code` follows; `advice` says what to do next.
 */
export const V2Error = z.object({
  type: z.literal("error"),
  code: z.number().int(),
  message: z.string(),
  fatal: z.boolean(),
  advice: z.enum(["retry", "reauthenticate", "give_up"]),
});
export type V2Error = z.infer<typeof V2Error>;

/** The founders' hi route, as on v1. */
export const V2Hi = z.object({ type: z.literal("hi"), message: z.string() });

/** Every message the hub sends on `/v2/ws`, discriminated on `type` (and `deliver` on `event`). */
export const V2ServerMessage = z.discriminatedUnion("type", [
  V2Welcome,
  V2Deliver,
  V2HubPing,
  V2HubPong,
  V2StatusAck,
  V2Error,
  V2Hi,
  V2Refreshed,
  V2Read,
  V2Inbox,
  V2Presence,
]);
export type V2ServerMessage = z.infer<typeof V2ServerMessage>;
