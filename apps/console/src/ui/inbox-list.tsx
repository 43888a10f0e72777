import { t } from "../i18n/i18n.ts";
import type { Item } from "../live/inbox-store.ts";
import type { LiveLink } from "../live/live-link.ts";
import { describe } from "./describe.ts";

/** The inbox, newest first: unread items marked in words and weight, each can be marked read. */
export function InboxList({ items, unread, link }: { items: readonly Item[]; unread: number; link: LiveLink }) {
  const unreadIds = items.filter((i) => !i.read).map((i) => i.id);
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">
        {t.inbox}{" "}
        <span class="badge" data-testid="unread">
          {unread} {t.unread}
        </span>
      </h2>
      <button type="button" disabled={unread === 0} onClick={() => void link.markRead(unreadIds)}>
        {t.markAllRead}
      </button>
      {items.length === 0 ? <p>{t.empty}</p> : null}
      <ul data-testid="inbox">
        {items.map((item) => {
          const { title, detail } = describe(item.ev);
          return (
            <li key={item.id} class={item.read ? "read" : "unread"} data-id={item.id} data-event={item.ev.event}>
              <span class="tag">{item.read ? t.read : t.new}</span> <strong>{title}</strong> <span>{detail}</span>{" "}
              <time dateTime={item.at}>{new Date(item.at).toLocaleTimeString()}</time>
              {item.read ? null : (
                <button type="button" onClick={() => void link.markRead([item.id])}>
                  {t.markRead}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
