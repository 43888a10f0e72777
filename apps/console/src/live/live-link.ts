import { io, type Socket } from "socket.io-client";
import type { InboxStore, Item } from "./inbox-store.ts";
import { DeliveryMeta, InboxPage, itemOf, ReadNotice, Refusal } from "./wire.ts";

/**
 * The console's link to the hub over Socket.IO (the transport the reference's web apps use):
 * the user's JWT at every (re)connection, a device id so each delivery arrives once per tab and is
 * acknowledged, the inbox page on every connect (what came while away), and the link's state for
 * the banner: `reconnecting` while Socket.IO retries, `offline` while the browser has no network.
 */
export class LiveLink {
  private readonly socket: Socket;
  private readonly startedAt = Date.now();

  constructor(
    token: string,
    device: string,
    private readonly store: InboxStore,
    private readonly onRefused: (reason: string) => void,
  ) {
    this.socket = io({ auth: (send) => send({ token, device }), reconnectionDelayMax: 2000 });
    this.socket.on("connect", () => {
      this.showState();
      this.socket.io.engine.on("upgrade", () => this.showState());
      void this.loadInbox();
    });
    this.socket.on("disconnect", () => this.showState());
    this.socket.io.on("reconnect_attempt", () => this.showState());
    this.socket.on("connect_error", (error: Error & { data?: unknown }) => {
      const refusal = Refusal.safeParse(error.data);
      if (refusal.success && refusal.data.advice !== "retry_later") this.onRefused(refusal.data.reason);
      else this.showState();
    });
    this.socket.on("read", (body: unknown) => this.store.markRead(ReadNotice.safeParse(body).data?.ids ?? []));
    this.socket.on("session_ended", (body: unknown) => this.onRefused(Refusal.safeParse(body).data?.reason ?? "ended"));
    this.socket.onAny((event: string, data: unknown, meta: unknown, ack: unknown) => {
      const place = DeliveryMeta.safeParse(meta);
      if (!place.success) return;
      const item = itemOf(event, data, { id: place.data.id, seq: place.data.seq, at: place.data.ts, read: false });
      // History replayed to a new device is listed, not toasted; what happens from now on is.
      if (item) this.store.add([item], Date.parse(item.at) >= this.startedAt - 5000);
      if (typeof ack === "function") ack();
    });
    addEventListener("offline", this.showState);
    addEventListener("online", this.showState);
  }

  /** Marks items read for every device of the user. */
  async markRead(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const result: unknown = await this.socket.timeout(10_000).emitWithAck("mark_read", { ids });
    if (Array.isArray(result)) this.store.markRead(result.filter((id) => typeof id === "string"));
  }

  close(): void {
    removeEventListener("offline", this.showState);
    removeEventListener("online", this.showState);
    this.socket.disconnect();
  }

  private readonly showState = (): void => {
    if (this.socket.connected) this.store.setLink("connected", this.socket.io.engine.transport.name);
    else this.store.setLink(navigator.onLine ? "reconnecting" : "offline", null);
  };

  private async loadInbox(): Promise<void> {
    const answer: unknown = await this.socket.timeout(10_000).emitWithAck("inbox", { limit: 100 });
    const page = InboxPage.safeParse(answer);
    if (!page.success) return;
    const items = page.data.items
      .map((i) => itemOf(i.event, i.data, { id: i.id, seq: i.seq, at: i.created_at, read: i.read }))
      .filter((i): i is Item => i !== null);
    this.store.add(items, false);
  }
}
