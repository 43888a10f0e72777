import type { Capabilities } from "@sofia/protocol";
import { makeRoom } from "../make-room.ts";
import { v1ReportReadyFrame, v2DeliverFrame } from "./frames.ts";

/** How one kind of consumer takes deliveries: what it can read, how it acknowledges, the frame. */
export interface ConsumerProtocol<Frame = string> {
  readonly name: "v1" | "v2" | "socket.io";
  /**
   * v2 clients acknowledge, and at most a window of deliveries is unacknowledged; on v1, which
   * has no acknowledgements, writing a report to the socket is delivering it.
   */
  readonly acknowledges: boolean;
  /**
   * Whether a delivery the client cannot read may simply be skipped during a connection: v1 frames
   * carry no seq, and v2 clients of capability revision 1 accept gaps. A revision-0 client treats
   * a gap as an error, so it is asked to reconnect instead (see `DeliveryPump`).
   */
  readonly skipsSilently: boolean;
  accepts(event: string): boolean;
  /** The frame of a delivery whose data (with its `url`, if any) is `data`, as JSON text. */
  frame(delivery: { seq: number; id: string; event: string; ts: string }, data: string): Frame;
}

/** `/reports/ws`: reports only, as the integration spec's `report_ready`. */
export const V1_PROTOCOL: ConsumerProtocol = {
  name: "v1",
  acknowledges: false,
  skipsSilently: true,
  accepts: (event) => event === "report_ready",
  frame: (_delivery, data) => v1ReportReadyFrame(data),
};

/**
 * Protocols already made, by what they depend on (revision 1 or not, the sorted events): nearly
 * every client announces the same capabilities, so thousands of sessions share a handful of
 * protocols instead of each keeping its own set of events and closure. Clients name events
 * freely, so the cache is bounded and least recently used first out: a client inventing event
 * sets only pushes out other invented ones while real clients keep using theirs.
 */
const v2Protocols = new Map<string, ConsumerProtocol>();
const MAX_CACHED_V2_PROTOCOLS = 64;

/** `/v2/ws` for a client with these capabilities (shared between clients that announce the same). */
export function v2Protocol(capabilities: Capabilities): ConsumerProtocol {
  const skipsSilently = capabilities.revision >= 1;
  const key = `${skipsSilently ? 1 : 0} ${[...new Set(capabilities.events)].sort().join(" ")}`;
  const cached = v2Protocols.get(key);
  if (cached) {
    // Most recently used last: made-up capability sets age out, the ones clients use stay.
    v2Protocols.delete(key);
    v2Protocols.set(key, cached);
    return cached;
  }
  const events = new Set(capabilities.events);
  const protocol: ConsumerProtocol = {
    name: "v2",
    acknowledges: true,
    skipsSilently,
    accepts: (event) => events.has(event),
    frame: v2DeliverFrame,
  };
  makeRoom(v2Protocols, MAX_CACHED_V2_PROTOCOLS);
  v2Protocols.set(key, Object.freeze(protocol));
  return protocol;
}
