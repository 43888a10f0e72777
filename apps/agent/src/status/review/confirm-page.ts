import { type Candidate, displayName } from "../../review/candidate.ts";
import type { ReviewItem } from "../../review/desk.ts";
import { escapeHtml as e } from "../html.ts";
import { reviewLayout } from "./chrome.ts";
import { hidden } from "./detail-page.ts";
import { type Lang, messages } from "./i18n.ts";

/**
 * The one confirmation before a write: the patient's name and birthdate repeated, in the button
 * itself, so what is pressed says whom the note goes to.
 */
export function confirmPage(lang: Lang, item: ReviewItem, patient: Candidate, csrf: string): string {
  const t = messages(lang);
  const base = `/review/${encodeURIComponent(item.entry.reportId)}`;
  const name = displayName(patient);
  const born = patient.birthdate ?? "—";
  const apt = patient.appointment;
  const body = `<p><a href="${e(base)}">${e(t.back)}</a></p><h1>${e(t.confirmTitle)}</h1>
<p class="who"><strong><bdi>${e(name)}</bdi></strong> — ${e(t.birthdate)} ${e(born)}${patient.age === null ? "" : ` (${e(t.years(patient.age))})`} — PatNum ${patient.patNum}</p>
${apt ? `<p>${e(t.appointment)}: ${e(apt.time)}, ${e(apt.operatory)}${apt.seated ? ` (${e(t.seated(apt.seated))})` : ""}</p>` : ""}
<form method="post" action="${e(base)}/write">${hidden(csrf, item.version)}<input type="hidden" name="patient" value="${patient.patNum}">
<button type="submit" id="confirm-write"><bdi>${e(t.confirmWrite(name, born))}</bdi></button> <a href="${e(base)}">${e(t.back)}</a></form>`;
  return reviewLayout(lang, t.confirmTitle, body);
}
