import type { NotificationEvent } from "@sofia/protocol";
import { t, tk } from "../i18n/i18n.ts";

/** A one-line title and detail for an event (toasts and the inbox list), never a report's text. */
export function describe(ev: NotificationEvent): { title: string; detail: string } {
  const title = tk(`ev_${ev.event}`);
  switch (ev.event) {
    case "new_access_request":
      return { title, detail: `${t.from} ${ev.data.doctor_name ?? ev.data.doctor_id}` };
    case "access_request_status_changed":
      return { title, detail: `${ev.data.request_id}: ${tk(`status_${ev.data.status}`)}` };
    case "prescription_status_changed":
      return { title, detail: `${ev.data.prescription_id}: ${tk(`rx_${ev.data.status}`)}` };
    case "medical_record_created":
    case "medical_record_updated":
      return { title, detail: ev.data.title ?? ev.data.record_id };
    case "notification":
      return { title: ev.data.title, detail: ev.data.body };
    case "report_ready":
      return { title, detail: `${t.visit} ${ev.data.visit_date ?? ""}`.trim() };
    case "report_status_changed":
      return { title, detail: tk(`state_${ev.data.status}`) };
  }
}
