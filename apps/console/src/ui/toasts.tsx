import { t } from "../i18n/i18n.ts";
import type { InboxStore, Toast } from "../live/inbox-store.ts";
import { describe } from "./describe.ts";

/** New events as toasts, announced politely to screen readers; each can be dismissed. */
export function Toasts({ toasts, store }: { toasts: readonly Toast[]; store: InboxStore }) {
  return (
    <div class="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => {
        const { title, detail } = describe(toast.ev);
        return (
          <div class="toast" key={toast.id} data-event={toast.ev.event}>
            <strong>{title}</strong> <span>{detail}</span>
            <button type="button" aria-label={t.dismiss} onClick={() => store.dismiss(toast.id)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
