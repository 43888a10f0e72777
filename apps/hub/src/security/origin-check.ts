import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { Clinic } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import { browserOriginAllowed } from "./browser-origin.ts";

/** What a refused page is told (its close code or refusal reason is the transport's). */
export const ORIGIN_REFUSED = "this web page's origin is not allowed for the clinic (sofia-hub clinics origins)";

/**
 * Applies {@link browserOriginAllowed} to an authenticated connection, once its clinic is known —
 * `/reports/ws`, `/v2/ws` (keys, device tokens, users' JWTs) and Socket.IO alike. A refusal is
 * logged and audited (it takes a valid credential to get here, so this is rare).
 */
export async function originAllowed(
  connection: { origin: string | null | undefined; remote: string; clinic: Clinic | null; actor: string },
  deps: { store: HubStore; clock: Clock; log: Logger },
): Promise<boolean> {
  const { clinic } = connection;
  if (browserOriginAllowed(connection.origin, clinic?.allowedOrigins ?? [])) return true;
  const origin = (connection.origin ?? "").slice(0, 200);
  deps.log.warn("connection refused: origin not allowed for the clinic", { clinic: clinic?.id ?? null, origin });
  await deps.store.audit.record({
    at: isoAt(deps.clock.now()),
    actor: connection.actor,
    action: "socket.origin_refused",
    subject: null,
    clinicId: clinic?.id ?? null,
    detail: { origin, remote: connection.remote },
  });
  return false;
}
