import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import { browserOriginAllowed } from "../security/browser-origin.ts";
import type { Clinic } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import type { SocketPeer } from "./socket-port.ts";

/** What a refused page is told (its close code is the protocol's). */
export const ORIGIN_REFUSED = "this web page's origin is not allowed for the clinic (sofia-hub clinics origins)";

/**
 * Applies {@link browserOriginAllowed} to an authenticated socket, once its clinic is known;
 * a refusal is logged and audited (it takes a valid credential to get here, so this is rare).
 */
export async function originAllowed(
  peer: SocketPeer,
  clinic: Clinic | null,
  credentialId: string,
  deps: { store: HubStore; clock: Clock; log: Logger },
): Promise<boolean> {
  if (browserOriginAllowed(peer.origin, clinic?.allowedOrigins ?? [])) return true;
  const origin = (peer.origin ?? "").slice(0, 200);
  deps.log.warn("socket refused: origin not allowed for the clinic", { clinic: clinic?.id ?? null, origin });
  await deps.store.audit.record({
    at: isoAt(deps.clock.now()),
    actor: credentialId,
    action: "socket.origin_refused",
    subject: null,
    clinicId: clinic?.id ?? null,
    detail: { origin, remote: peer.remote },
  });
  return false;
}
