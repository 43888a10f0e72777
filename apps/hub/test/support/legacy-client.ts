import { V2Deliver, V2Welcome } from "@sofia/protocol";
import { z } from "zod";

/**
 * A protocol v2 client as every agent installed before capability revisions behaves (revision 0):
 * it announces nothing, reads only `report_ready` and `report_expired`, and reconnects when it
 * meets anything else or a gap in `seq` — which, before the hub knew capabilities, wedged it on
 * the first delivery of a new event. It acknowledges each delivery and keeps its cursor in memory.
 */
export class LegacyClient {
  readonly handled: V2Deliver[] = [];
  readonly closes: number[] = [];
  connections = 0;
  private cursor = 0;
  private socket: WebSocket | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly credential: string,
  ) {}

  start(): void {
    this.connections++;
    const ws = new WebSocket(this.url);
    this.socket = ws;
    let handled = this.cursor;
    ws.onopen = () => ws.send(JSON.stringify({ type: "auth", credential: this.credential, cursor: this.cursor }));
    ws.onmessage = (event) => {
      const message = parseRevisionZero(String(event.data));
      if (!message.success) return ws.close(4000, "not a v2 message"); // the old client's reaction
      const m = message.data;
      if (m.type === "welcome") handled = this.cursor = Math.max(this.cursor, m.resume_from);
      else if (m.type === "ping") ws.send(JSON.stringify({ type: "pong", ts: m.ts }));
      else if (m.type === "deliver") {
        if (m.seq <= handled) return ws.send(JSON.stringify({ type: "ack", seq: m.seq }));
        if (m.seq !== handled + 1) return ws.close(4000, "sequence gap");
        this.handled.push(m);
        handled = this.cursor = m.seq;
        ws.send(JSON.stringify({ type: "ack", seq: m.seq }));
      }
    };
    ws.onclose = (event) => {
      this.closes.push(event.code);
      if (!this.stopped) setTimeout(() => this.start(), 10);
    };
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }
}

/** What a revision-0 client could parse: these messages and these two delivery events, nothing newer. */
function parseRevisionZero(text: string) {
  const value: unknown = JSON.parse(text);
  const deliver = V2Deliver.safeParse(value);
  return deliver.success ? deliver : RevisionZeroOther.safeParse(value);
}

const RevisionZeroOther = z.discriminatedUnion("type", [
  V2Welcome,
  z.object({ type: z.literal("ping"), ts: z.number() }),
  z.object({ type: z.literal("pong"), ts: z.number() }),
  z.object({ type: z.literal("status_ack"), status_id: z.string() }),
  z.object({ type: z.literal("error"), code: z.number(), message: z.string() }),
]);
