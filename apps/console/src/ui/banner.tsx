import { t } from "../i18n/i18n.ts";
import type { LinkState } from "../live/inbox-store.ts";

/**
 * The link's state, always visible in words (not only a colour): the transport in use while
 * connected, "reconnecting…" while Socket.IO retries, "offline" while the browser has no network.
 */
export function Banner({ link, transport }: { link: LinkState; transport: string | null }) {
  if (link === "connected")
    return (
      <p class="link ok" data-testid="transport">
        <span aria-hidden="true">●</span> {t.connected} — {t.transport}: <strong>{transport}</strong>
      </p>
    );
  const text = link === "offline" ? t.offline : t.reconnecting;
  return (
    <p class={`link banner ${link}`} role="alert" data-testid="banner" data-state={link}>
      <span aria-hidden="true">{link === "offline" ? "⚠" : "↻"}</span> {text}
    </p>
  );
}
