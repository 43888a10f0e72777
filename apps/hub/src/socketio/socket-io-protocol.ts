import { NOTIFICATION_EVENTS } from "@sofia/protocol";
import type { ConsumerProtocol } from "../delivery/consumer-protocol.ts";

/** A delivery as Socket.IO emits it: under the event's name, its data, then where it stands. */
export interface SocketIoFrame {
  event: string;
  data: unknown;
  meta: { seq: number; id: string; ts: string };
}

const EVENTS: ReadonlySet<string> = new Set(NOTIFICATION_EVENTS);

/**
 * Socket.IO clients take the care-team catalog, each event under its own name
 * (`socket.on("prescription_status_changed", (data, meta, ack) => …)`). The wire has no seq a
 * client checks, so skipped items leave no gap to notice; acknowledgements come through Socket.IO's
 * own callbacks.
 */
export const SOCKET_IO_PROTOCOL: ConsumerProtocol<SocketIoFrame> = {
  name: "socket.io",
  acknowledges: true,
  skipsSilently: true,
  accepts: (event) => EVENTS.has(event),
  // The payload is JSON the hub wrote; Socket.IO serialises values itself, so it is parsed once here.
  frame: (delivery, data) => ({
    event: delivery.event,
    data: JSON.parse(data),
    meta: { seq: delivery.seq, id: delivery.id, ts: delivery.ts },
  }),
};
