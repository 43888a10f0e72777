import type { Patient } from "@sofia/protocol";
import type { ReviewItem } from "../../review/desk.ts";
import { escapeHtml as e } from "../html.ts";
import { reviewLayout } from "./chrome.ts";
import { type Lang, type Messages, messages } from "./i18n.ts";

/** `/review`: every held report, newest first, with why it waits and whom it names. */
export function listPage(lang: Lang, items: readonly ReviewItem[], doctor: string | null, refreshMs: number): string {
  const t = messages(lang);
  const rows = items
    .map((item) => {
      const id = item.entry.reportId;
      return `<tr><td>${e(t.hold(item.code, item.entry.reason))}</td><td>${e(item.report?.visit_date ?? item.entry.receivedAt.slice(0, 10))}</td>
<td>${e(doctor ?? t.unknown)}</td><td>${identifiers(t, item.report?.patient ?? null)}</td><td>${e(item.entry.receivedAt.replace("T", " ").slice(0, 16))}</td>
<td><a class="button" href="/review/${encodeURIComponent(id)}">${e(t.open)}<span class="muted"> ${e(id)}</span></a></td></tr>`;
    })
    .join("");
  const table = rows
    ? `<table><tr><th>${e(t.reason)}</th><th>${e(t.visit)}</th><th>${e(t.doctor)}</th><th>${e(t.reportPatient)}</th><th>${e(t.received)}</th><th></th></tr>${rows}</table>`
    : `<p class="ok">${e(t.nothing)}</p>`;
  return reviewLayout(
    lang,
    t.reviewTitle,
    `<p><a href="/">${e(t.status)}</a></p><h1>${e(t.reviewTitle)}</h1>${table}`,
    refreshMs,
  );
}

/** The report's patient identifiers as given, each isolated (a right-to-left name stays in its box). */
export function identifiers(t: Messages, patient: Patient | null): string {
  if (!patient) return `<span class="muted">${e(t.noIdentifiers)}</span>`;
  const name = patient.name ?? [patient.given_name, patient.family_name].filter(Boolean).join(" ");
  const parts = [
    name ? `${e(t.name)}: <bdi>${e(name)}</bdi>` : "",
    patient.birthdate ? `${e(t.birthdate)}: ${e(patient.birthdate)}` : "",
    patient.opendental_patnum !== undefined ? `PatNum ${patient.opendental_patnum}` : "",
    patient.external_id ? `${e(t.externalId)}: <bdi>${e(patient.external_id)}</bdi>` : "",
  ];
  return parts.filter(Boolean).join("<br>");
}
