import type { ReportReadyData } from "@sofia/protocol";
import type { JournalEntry, TransitionRow } from "../journal/rows.ts";
import { ReportState } from "../journal/states.ts";
import { escapeHtml as e, layout } from "./html.ts";
import { openDentalSection } from "./opendental-section.ts";
import type { StatusSnapshot } from "./snapshot.ts";

/** Reports per page of the list. */
export const PAGE_SIZE = 50;

/** Which reports the overview lists: a state (or all) and a page, from `?state=&page=`. */
export interface ListChoice {
  state: ReportState | null;
  page: number;
}

/**
 * The figures the overview shows and `/status.js` refreshes in place, by `data-field` name. One
 * function computes them for both, so the first paint and every refresh use the same words.
 */
export function figures(s: StatusSnapshot): Record<string, string> {
  const c = s.connection;
  const connected = c.state === "connected";
  const total = Object.entries(s.journal).reduce((sum, [k, n]) => (k === "duplicates" ? sum : sum + n), 0);
  const out: Record<string, string> = {
    connection: `${connected ? "Connected" : describeState(c.state)}${c.endpoint ? ` to ${c.endpoint}` : ""}${c.protocol ? ` (protocol ${c.protocol})` : ""}`,
    "connection.class": connected ? "ok" : "bad",
    problem: c.problem ?? "",
    settings_problem: c.settings_problem ?? "",
    doctor: `${c.doctor_id ?? "—"} / ${c.clinic_id ?? "—"}`,
    credential: c.credential_id ?? "—",
    connected_since: c.connected_since ?? "—",
    last_heard: c.last_heard_at ?? "—",
    total: String(total),
    to_review: String(s.journal.held),
  };
  for (const [state, n] of Object.entries(s.journal)) out[`count.${state}`] = String(n);
  return out;
}

/** The overview: connection, journal counts, and one page of reports (all, or in one state). */
export function overviewPage(
  s: StatusSnapshot,
  list: ListChoice,
  entries: readonly JournalEntry[],
  refreshMs: number,
): string {
  const f = figures(s);
  const field = (name: string, cls = "") =>
    `<span data-field="${name}"${cls ? ` class="${cls}"` : ""}>${e(f[name] ?? "")}</span>`;
  const counts = Object.keys(s.journal)
    .map((state) => `<tr><th>${e(state)}</th><td>${field(`count.${state}`)}</td></tr>`)
    .join("");
  const inList = list.state === null ? Number(f.total) : s.journal[list.state];
  const pages = Math.max(1, Math.ceil(inList / PAGE_SIZE));
  const first = (list.page - 1) * PAGE_SIZE;
  const rows = entries
    .map(
      (r) =>
        `<tr><td><a href="/reports/${encodeURIComponent(r.reportId)}">${e(r.reportId)}</a></td><td>${e(r.state)}</td>` +
        `<td>${e(r.receivedAt)}</td><td>${e(r.reason ?? "")}</td></tr>`,
    )
    .join("");
  const href = (state: ReportState | null, page: number) => {
    const query = new URLSearchParams({ ...(state ? { state } : {}), ...(page > 1 ? { page: String(page) } : {}) });
    return query.size > 0 ? `/?${query}` : "/";
  };
  const tabs = [null, ...ReportState.options]
    .map((state) => {
      const current = state === list.state ? ` class="current"` : "";
      const n = state === null ? f.total : f[`count.${state}`];
      return `<a href="${e(href(state, 1))}"${current}>${e(state ?? "all")} (${e(n ?? "0")})</a>`;
    })
    .join("");
  const paging = [
    list.page > 1 ? `<a href="${e(href(list.state, list.page - 1))}">← newer</a>` : "",
    `page ${list.page} of ${pages}`,
    list.page < pages ? `<a href="${e(href(list.state, list.page + 1))}">older →</a>` : "",
  ].join(" ");
  const shown = entries.length > 0 ? `reports ${first + 1}–${first + entries.length} of ${inList}` : "";
  return layout(
    "Sofia agent",
    `<h1>Sofia agent ${e(s.version)}</h1>
<p><strong>${field("connection", f["connection.class"])}</strong></p>
<p class="bad">${field("problem")}</p>
<p class="bad">${field("settings_problem")}</p>
<table>
<tr><th>Doctor / clinic</th><td>${field("doctor")}</td></tr>
<tr><th>Credential</th><td>${field("credential")}</td></tr>
<tr><th>Connected since</th><td>${field("connected_since")}</td></tr>
<tr><th>Last heartbeat</th><td>${field("last_heard")}</td></tr>
<tr><th>Endpoints (in order)</th><td>${s.connection.endpoints.map(e).join("<br>") || "—"}</td></tr>
<tr><th>Where reports go</th><td>${e(s.sink)}</td></tr>
</table>
${openDentalSection(s.opendental)}
<p><a href="/setup">Open Dental setup: keys, providers, each doctor's chairs</a></p>
<h2>Journal</h2><table>${counts}</table>
<h2>Reports</h2>
<nav>${tabs}</nav>
<p id="newer" hidden data-total="${e(f.total ?? "0")}"><a href="${e(href(list.state, 1))}">New reports arrived: show them</a></p>
<p class="muted">${e(shown)} ${paging}</p>
<table><tr><th>Report</th><th>State</th><th>Received</th><th>Why</th></tr>${rows || `<tr><td colspan="4" class="muted">none</td></tr>`}</table>`,
    refreshMs,
  );
}

/** One report: its history and, while the journal still holds it, its text for review. */
export function reportPage(reportId: string, history: TransitionRow[], content: ReportReadyData | null): string {
  const moves = history
    .map(
      (h) =>
        `<tr><td>${e(h.at)}</td><td>${e(h.from_state ?? "—")} → ${e(h.to_state)}</td><td>${e(h.reason ?? "")}</td></tr>`,
    )
    .join("");
  const body = content
    ? `<h2>Report</h2><pre>${e(content.plaintext_report)}</pre>`
    : `<p class="muted">The journal no longer holds this report's content (it was written, or it never had any).</p>`;
  return layout(
    `Report ${reportId}`,
    `<p><a href="/">← Sofia agent</a></p><h1>Report ${e(reportId)}</h1><table>${moves}</table>${body}`,
  );
}

function describeState(state: string): string {
  switch (state) {
    case "connecting":
      return "Connecting";
    case "waiting":
      return "Not connected: waiting to retry";
    case "halted":
      return "Not connected: paused";
    case "not_configured":
      return "Not configured";
    default:
      return state;
  }
}
