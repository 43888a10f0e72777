import { z } from "zod";
import { Timestamp } from "../ids.ts";
import {
  AccessRequestStatusChangedData,
  GenericNotificationData,
  MedicalRecordCreatedData,
  MedicalRecordUpdatedData,
  NewAccessRequestData,
  PrescriptionStatusChangedData,
  ReportStatusChangedData,
} from "../notifications/events.ts";
import { UserId } from "../notifications/foreign-id.ts";
import { UserRole } from "../notifications/roles.ts";

// What protocol v2 adds for care-team users (a JWT as the `auth` credential): their inbox's
// read state, token renewal and presence. Agents and doctor keys never send or receive these.

const DeliveryId = z.string().min(1).max(64);
const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A care-team user's device, chosen by the web app and kept (e.g. in local storage): its cursor is per device. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, '.', '_' or '-'");

// ── client → hub ─────────────────────────────────────────────────────────────────────────────

/** A fresh token for the same user, before the current one expires (else the hub closes with 4102). */
export const V2Refresh = z.object({ type: z.literal("refresh"), token: z.string().min(1).max(8192) });
export type V2Refresh = z.infer<typeof V2Refresh>;

/** Marks inbox items read, by delivery id; every open connection of the user is told (`read`). */
export const V2MarkRead = z.object({ type: z.literal("mark_read"), ids: z.array(DeliveryId).min(1).max(100) });
export type V2MarkRead = z.infer<typeof V2MarkRead>;

/** Asks for a page of the inbox, newest first (`before`: a seq to page back from). */
export const V2InboxRequest = z.object({
  type: z.literal("inbox"),
  unread_only: z.boolean().optional(),
  before: Seq.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type V2InboxRequest = z.infer<typeof V2InboxRequest>;

// ── hub → client ─────────────────────────────────────────────────────────────────────────────

/** The token was accepted; the connection now lasts until `expires_at`. */
export const V2Refreshed = z.object({ type: z.literal("refreshed"), expires_at: Timestamp });

/** Items were marked read (by this or another connection of the same user). */
export const V2Read = z.object({ type: z.literal("read"), ids: z.array(DeliveryId), at: Timestamp });

/** One inbox item, with its data. */
export const InboxItem = z.object({
  seq: Seq,
  id: DeliveryId,
  event: z.string(),
  created_at: Timestamp,
  read: z.boolean(),
  data: z.unknown(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** A page of the inbox, newest first, and how many items are unread in all. */
export const V2Inbox = z.object({ type: z.literal("inbox"), items: z.array(InboxItem), unread: z.number().int() });
export type V2Inbox = z.infer<typeof V2Inbox>;

/** Who is online in the user's clinic, among the roles the user may see: a full list, or one change. */
export const V2Presence = z.object({
  type: z.literal("presence"),
  full: z.boolean(),
  users: z.array(z.object({ user_id: UserId, role: UserRole, online: z.boolean() })),
});
export type V2Presence = z.infer<typeof V2Presence>;

// ── deliveries of the care-team catalog ──────────────────────────────────────────────────────

/** The data of each care-team event a user's connection may be delivered (besides `report_ready`). */
export const CARE_TEAM_DELIVERY_DATA = {
  new_access_request: NewAccessRequestData,
  access_request_status_changed: AccessRequestStatusChangedData,
  prescription_status_changed: PrescriptionStatusChangedData,
  medical_record_created: MedicalRecordCreatedData,
  medical_record_updated: MedicalRecordUpdatedData,
  notification: GenericNotificationData,
  report_status_changed: ReportStatusChangedData,
} as const;
