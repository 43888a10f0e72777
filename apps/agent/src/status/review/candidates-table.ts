import { type Candidate, type CandidateWhy, displayName } from "../../review/candidate.ts";
import { escapeHtml as e } from "../html.ts";
import type { Messages } from "./i18n.ts";

/** How the table shows an instant of this PC's clock: office time, "HH:MM" today. */
export type ShowTime = (ms: number) => string;

/**
 * Candidates as a table: name, birthdate, age, today's appointment and operatory, why each is
 * shown, and a link to the confirmation (`choose`: null when writing is not possible).
 */
export function candidatesTable(
  t: Messages,
  list: readonly Candidate[],
  showTime: ShowTime,
  choose: ((c: Candidate) => string) | null,
): string {
  const rows = list
    .map((c) => {
      const apt = c.appointment;
      const time = apt
        ? `${e(apt.time)}${apt.seated ? ` <span class="muted">(${e(t.seated(apt.seated))})</span>` : ""}`
        : "—";
      const link = choose
        ? `<a class="button" href="${e(choose(c))}" aria-label="${e(`${t.choose} ${displayName(c)}, ${c.birthdate ?? ""}`)}">${e(t.choose)}</a>`
        : "";
      return `<tr><td><bdi>${e(displayName(c))}</bdi> <span class="muted">PatNum ${c.patNum}${c.status !== "Patient" ? ` · ${e(c.status)}` : ""}</span></td>
<td>${e(c.birthdate ?? "—")}</td><td>${c.age === null ? "—" : e(t.years(c.age))}</td><td>${time}</td><td>${e(apt?.operatory ?? "—")}</td>
<td>${c.why.map((w) => e(whyText(t, w, showTime))).join("; ")}</td><td>${link}</td></tr>`;
    })
    .join("");
  return `<table><tr><th>${e(t.patient)}</th><th>${e(t.birthdate)}</th><th>${e(t.age)}</th><th>${e(t.appointment)}</th><th>${e(t.operatory)}</th><th>${e(t.why)}</th><th></th></tr>${rows}</table>`;
}

function whyText(t: Messages, w: CandidateWhy, showTime: ShowTime): string {
  switch (w.kind) {
    case "proposed":
      return t.chair(w.place);
    case "named":
      return t.named;
    case "same_name":
      return t.sameName;
    case "same_birthdate":
      return t.sameBirthdate;
    case "selected":
      return t.selected(w.workstation, showTime(w.sinceMs));
    case "appointment":
      return t.hasAppointment;
    case "search":
      return t.found;
  }
}
