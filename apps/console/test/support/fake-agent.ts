import { V2Deliver, V2Welcome } from "@sofia/protocol";
import { TestSocket } from "@sofia/testing";

/**
 * A clinic agent on protocol v2, driven by hand: it introduces itself with a name and version,
 * takes the next report and says what it did with it (held and why, written on which ids).
 */
export class FakeAgent {
  private constructor(private readonly socket: TestSocket) {}

  static async connect(v2Url: string, deviceToken: string, version = "1.4.0"): Promise<FakeAgent> {
    const socket = await TestSocket.open(v2Url);
    socket.send(JSON.stringify({ type: "auth", credential: deviceToken, client: { name: "sofia-agent", version } }));
    V2Welcome.parse((await socket.next()).json);
    return new FakeAgent(socket);
  }

  /** The next delivery's report id (acknowledged, as an agent does once it is in its journal). */
  async nextReport(): Promise<string> {
    for (;;) {
      const frame = (await this.socket.next(10_000)).json;
      const delivery = V2Deliver.safeParse(frame);
      if (!delivery.success || delivery.data.event !== "report_ready") continue;
      this.socket.send(JSON.stringify({ type: "ack", seq: delivery.data.seq }));
      return delivery.data.data.report_id;
    }
  }

  /** Says what became of a report (`status_id` makes a resend harmless). */
  status(reportId: string, statusId: string, status: object): void {
    this.socket.send(JSON.stringify({ type: "status", status_id: statusId, report_id: reportId, ...status }));
  }

  close(): void {
    this.socket.close();
  }
}
