import type { ReportReadyData } from "@sofia/protocol";
import type { TransitionRow } from "../journal/rows.ts";
import { escapeHtml as e, layout } from "./html.ts";
import type { StatusSnapshot } from "./snapshot.ts";

/** The overview: connection, journal counts, recent reports. */
export function overviewPage(s: StatusSnapshot): string {
  const c = s.connection;
  const connected = c.state === "connected";
  const counts = Object.entries(s.journal)
    .map(([state, n]) => `<tr><th>${e(state)}</th><td>${n}</td></tr>`)
    .join("");
  const rows = s.recent
    .map(
      (r) =>
        `<tr><td><a href="/reports/${encodeURIComponent(r.report_id)}">${e(r.report_id)}</a></td><td>${e(r.state)}</td>` +
        `<td>${e(r.received_at)}</td><td>${e(r.reason ?? "")}</td></tr>`,
    )
    .join("");
  return layout(
    "Sofia agent",
    `<h1>Sofia agent ${e(s.version)}</h1>
<p class="${connected ? "ok" : "bad"}"><strong>${connected ? "Connected" : e(describeState(c.state))}</strong>
${c.endpoint ? ` to ${e(c.endpoint)}` : ""}${c.protocol ? ` (protocol ${e(c.protocol)})` : ""}</p>
${c.problem ? `<p class="bad">${e(c.problem)}</p>` : ""}
<table>
<tr><th>Doctor / clinic</th><td>${e(c.doctor_id ?? "—")} / ${e(c.clinic_id ?? "—")}</td></tr>
<tr><th>Credential</th><td>${e(c.credential_id ?? "—")}</td></tr>
<tr><th>Connected since</th><td>${e(c.connected_since ?? "—")}</td></tr>
<tr><th>Last heartbeat</th><td>${e(c.last_heard_at ?? "—")}</td></tr>
<tr><th>Endpoints (in order)</th><td>${c.endpoints.map(e).join("<br>") || "—"}</td></tr>
<tr><th>Where reports go</th><td>${e(s.sink)}</td></tr>
</table>
<h2>Journal</h2><table>${counts}</table>
<h2>Recent reports</h2>
<table><tr><th>Report</th><th>State</th><th>Received</th><th>Why</th></tr>${rows || `<tr><td colspan="4" class="muted">none yet</td></tr>`}</table>`,
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
