import type { Capabilities } from "@sofia/protocol";
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

/** `/v2/ws` for a client with these capabilities. */
export function v2Protocol(capabilities: Capabilities): ConsumerProtocol {
  const events = new Set(capabilities.events);
  return {
    name: "v2",
    acknowledges: true,
    skipsSilently: capabilities.revision >= 1,
    accepts: (event) => events.has(event),
    frame: v2DeliverFrame,
  };
}
