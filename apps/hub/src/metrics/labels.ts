import { USER_ROLES, type UserRole } from "@sofia/protocol";
import { UserAuthFailure } from "../users/auth-failure.ts";

/**
 * The only values a hub metric label may take. Every label is a closed set (or a clinic id, of
 * which a hub has a bounded number): no doctor, user, patient, report or address ever becomes a
 * label, so a scrape carries no patient data and the series count does not grow with traffic.
 */

/** How a connection reaches the hub. */
export type Transport = "ws" | "socket.io";
/** What a connection speaks: the v1 or v2 report protocol, or a care-team user's session. */
export type ConnectionProtocol = "v1" | "v2" | "user";
/** Who is connected: a doctor key, an agent, or a care-team user of one role. */
export type ConnectionRole = "doctor_key" | "agent" | UserRole;

/** One authenticated connection, as metrics count it. */
export interface ConnectionKind {
  transport: Transport;
  protocol: ConnectionProtocol;
  role: ConnectionRole;
  /** The clinic it belongs to (bounded: one per clinic on the hub). */
  clinic: string;
}

/** Why the hub refused a credential or token; anything else is counted as `other`. */
export const AUTH_FAILURE_REASONS: ReadonlySet<string> = new Set([
  "malformed",
  "unknown",
  "revoked",
  "wrong_kind",
  "rate_limited",
  "invalid_code",
  "no_users",
  ...Object.values(UserAuthFailure),
]);

/** `reason` if it is one of {@link AUTH_FAILURE_REASONS}, else `other`. */
export function authReason(reason: string): string {
  return AUTH_FAILURE_REASONS.has(reason) ? reason : "other";
}

/** Every connection role, for documentation and tests. */
export const CONNECTION_ROLES: readonly ConnectionRole[] = ["doctor_key", "agent", ...USER_ROLES];

/** Where an authentication attempt came in. */
export type AuthChannel = "api" | "socket" | "socket.io" | "enrollment" | "other";

const CHANNELS: Readonly<Record<string, AuthChannel>> = {
  "api.auth_failed": "api",
  "socket.auth_failed": "socket",
  "socketio.auth_failed": "socket.io",
  "agent.enroll_failed": "enrollment",
};

/** The channel of a refusal's audit action (`api.auth_failed` → `api`). */
export function authChannel(action: string): AuthChannel {
  return CHANNELS[action] ?? "other";
}

/** The outcome of one webhook call: delivered, failed (retried later), or failed for the last time. */
export type WebhookOutcome = "delivered" | "failed" | "gave_up";

/** What was rendered: the inline renderings at publish (HTML, RTF, text), or a DOCX for a download. */
export type RenderKind = "inline" | "docx";
