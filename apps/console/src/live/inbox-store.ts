import type { NotificationEvent } from "@sofia/protocol";

/** One inbox item as the console keeps it: the hub's delivery id, its order, the event, read or not. */
export interface Item {
  id: string;
  seq: number;
  at: string;
  read: boolean;
  ev: NotificationEvent;
}

/** The state of the link to the hub, as the banner shows it. */
export type LinkState = "connecting" | "connected" | "reconnecting" | "offline";

/** A toast: a new item, shown for a while. */
export interface Toast {
  id: string;
  ev: NotificationEvent;
}

/** Everything a view renders; replaced (never mutated) on every change. */
export interface Snapshot {
  items: readonly Item[];
  unread: number;
  toasts: readonly Toast[];
  link: LinkState;
  transport: string | null;
}

const TOAST_MS = 6000;

/**
 * The console's one store: the user's inbox (each item once, however often the hub sends it: the
 * inbox page and live deliveries overlap, and a reconnection replays what was not acknowledged),
 * the toasts of new items, and the link's state. Views subscribe and re-render on each change.
 */
export class InboxStore {
  private readonly byId = new Map<string, Item>();
  private readonly listeners = new Set<() => void>();
  private snap: Snapshot = { items: [], unread: 0, toasts: [], link: "connecting", transport: null };

  get snapshot(): Snapshot {
    return this.snap;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds items not seen before; a toast for each when `toast` (a live delivery, not history). */
  add(items: readonly Item[], toast: boolean): void {
    // An item listed read (the inbox page) that arrived live as unread takes the read flag.
    for (const item of items) {
      const known = this.byId.get(item.id);
      if (known && item.read && !known.read) this.byId.set(item.id, { ...known, read: true });
    }
    const fresh = items.filter((item) => !this.byId.has(item.id));
    for (const item of fresh) this.byId.set(item.id, item);
    const toasts = toast ? fresh.map((item) => ({ id: item.id, ev: item.ev })) : [];
    for (const t of toasts) setTimeout(() => this.dismiss(t.id), TOAST_MS);
    this.update({ toasts: [...this.snap.toasts, ...toasts].slice(-4) });
  }

  /** Marks items read (told by the hub, from any of the user's connections). */
  markRead(ids: readonly string[]): void {
    for (const id of ids) {
      const item = this.byId.get(id);
      if (item) this.byId.set(id, { ...item, read: true });
    }
    this.update({});
  }

  dismiss(toastId: string): void {
    this.update({ toasts: this.snap.toasts.filter((t) => t.id !== toastId) });
  }

  setLink(link: LinkState, transport: string | null): void {
    if (link !== this.snap.link || transport !== this.snap.transport) this.update({ link, transport });
  }

  private update(change: Partial<Snapshot>): void {
    const items = [...this.byId.values()].sort((a, b) => b.seq - a.seq);
    const unread = items.filter((i) => !i.read).length;
    this.snap = { ...this.snap, ...change, items, unread };
    for (const listener of this.listeners) listener();
  }
}
