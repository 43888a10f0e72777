import type { OdStatus } from "../opendental/status.ts";
import { escapeHtml as e } from "./html.ts";

/**
 * The Open Dental part of the overview: connected or not and why, the endpoint in use, the
 * office's version and gated features, the settings and mappings, and who is selected on each
 * workstation (PatNum only: the page shows no patient names).
 */
export function openDentalSection(od: OdStatus | null | undefined): string {
  if (!od) return "";
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;
  const endpoints = od.endpoints
    .map(
      (p) =>
        `${e(p.mode)} ${e(p.url)} — ${e(p.state)}${p.problem ? ` (${e(p.problem)})` : ""}${p.mode === od.in_use ? " <strong>in use</strong>" : ""}`,
    )
    .join("<br>");
  const features = Object.entries(od.features)
    .map(([name, support]) => `${e(name)}: ${e(support)}`)
    .join(", ");
  const settings = Object.entries(od.settings)
    .map(([k, v]) => `${e(k)} ${e(String(v))}`)
    .join("<br>");
  const doctors = od.doctors
    .map(
      (d) =>
        `<tr><td>${e(d.doctor_id)}</td><td>${d.provider}</td><td>${e(d.operatories.join(", ") || "all")}</td><td>${e(d.workstations.join(", ") || "—")}</td></tr>`,
    )
    .join("");
  const current = od.current
    .map(
      (c) => `<tr><td>${e(c.workstation)}</td><td>${c.pat_num}</td><td>${e(c.source)}</td><td>${e(c.since)}</td></tr>`,
    )
    .join("");
  const events = od.events;
  return `<h2>Open Dental</h2>
<p class="${od.connected && !od.problem ? "ok" : "bad"}"><strong>${od.connected ? "Connected" : "Not connected"}</strong>${od.problem ? `: ${e(od.problem)}` : ""}</p>
<table>
${row("Endpoints (in order)", endpoints || "—")}
${row("Version", e(od.version ?? "not read yet"))}
${row("Features", features || "—")}
${row("Settings", settings)}
${row("PatientSelected events", `${e(events.listening ?? "not listening")}; ${events.subscriptions} subscription(s)${events.problem ? ` <span class="bad">${e(events.problem)}</span>` : ""}${events.subscription_problem ? ` <span class="bad">${e(events.subscription_problem)}</span>` : ""}`)}
</table>
<h3>Doctors</h3>
<table><tr><th>Doctor</th><th>Provider</th><th>Operatories</th><th>Workstations</th></tr>${doctors || `<tr><td colspan="4" class="muted">none mapped: sofia-agent opendental map --doctor ID --provider N</td></tr>`}</table>
<h3>Selected on each workstation</h3>
<table><tr><th>Workstation</th><th>PatNum</th><th>Source</th><th>Since</th></tr>${current || `<tr><td colspan="4" class="muted">none</td></tr>`}</table>`;
}
