import type { DoctorMapping } from "../../opendental/settings.ts";
import type { OfficeSurvey } from "../../opendental/setup/survey.ts";
import { escapeHtml as e, layout } from "../html.ts";
import { type Lang, text } from "./i18n.ts";

/** What the setup page shows. Keys only masked; no patient data (the office's setup lists only). */
export interface SetupView {
  lang: Lang;
  csrf: string;
  /** The stored endpoints as `connect --url` takes them, or empty. */
  url: string;
  /** The note's procedure code (\`opendental.note-code\`). */
  noteCode: string;
  keys: { developer: string; customer: string } | null;
  survey: OfficeSurvey | null;
  surveyProblem: string | null;
  doctors: { id: string; mapping: DoctorMapping | null }[];
  notes: { kind: "ok" | "bad"; text: string }[];
}

/** The first-run setup page: connect, the office, each doctor's mapping, the read-only check. */
export function setupPage(v: SetupView): string {
  const t = text(v.lang);
  const hidden = `<input type="hidden" name="csrf" value="${e(v.csrf)}">`;
  const notes = v.notes.map((n) => `<p class="${n.kind}" role="status">${e(n.text)}</p>`).join("");
  const keyField = (name: string, label: string, stored: string | undefined) =>
    `<p><label>${e(label)}<br><input name="${name}" type="password" autocomplete="off" size="40" maxlength="128"></label>` +
    `${stored ? ` <span class="muted">${e(t.keyStored(stored))}</span>` : ""}</p>`;
  const connect = `<h2>${e(t.connectTitle)}</h2>
<form method="post" action="/setup/connect">${hidden}
<p><label>${e(t.url)}<br><input name="url" size="60" maxlength="600" required value="${e(v.url)}"></label><br><span class="muted">${e(t.urlHelp)}</span></p>
${keyField("developer_key", t.developerKey, v.keys?.developer)}${keyField("customer_key", t.customerKey, v.keys?.customer)}
<p><button type="submit">${e(t.connect)}</button></p></form>`;
  return layout(
    t.title,
    `<p><a href="/">${e(t.back)}</a></p><h1>${e(t.title)}</h1><p>${e(t.intro)}</p>${notes}${connect}${office(v)}${mapping(v, hidden)}${check(v)}`,
  ).replace('<html lang="en">', `<html lang="${v.lang}">`);
}

function office(v: SetupView): string {
  const t = text(v.lang);
  const s = v.survey;
  if (!s) {
    const why = v.surveyProblem ? `<p class="bad">${e(t.unreachable)} ${e(v.surveyProblem)}</p>` : "";
    return `<h2>${e(t.officeTitle)}</h2>${why || `<p class="muted">${e(t.notConnected)}</p>`}`;
  }
  const rows = (cells: string[][]) =>
    cells.map((c) => `<tr>${c.map((x) => `<td>${e(x)}</td>`).join("")}</tr>`).join("");
  const providers = rows(
    s.providers.map((p) => [String(p.ProvNum), p.Abbr, p.name + (p.hygienist ? ` (${t.hygienist})` : "")]),
  );
  const ops = rows(s.operatories.map((o) => [String(o.OperatoryNum), o.Abbrev, o.OpName]));
  const stations = s.workstations
    ? `<table>${rows(s.workstations.map((w) => [w.name, w.running ? t.running : `${t.notRunning} (${w.last_heartbeat ?? "—"})`]))}</table>`
    : `<p class="muted">${e(t.tooOld)}</p>`;
  return `<h2>${e(t.officeTitle)}</h2><p>${e(t.version)}: <strong>${e(s.version ?? "—")}</strong></p>
<h3>${e(t.providers)}</h3><table id="providers">${providers}</table>
<h3>${e(t.operatories)}</h3><table id="operatories">${ops}</table>
<h3>${e(t.workstations)}</h3>${stations}`;
}

function mapping(v: SetupView, hidden: string): string {
  const t = text(v.lang);
  const s = v.survey;
  if (!s) return "";
  if (v.doctors.length === 0) return `<h2>${e(t.mapTitle)}</h2><p class="muted">${e(t.noDoctor)}</p>`;
  const forms = v.doctors.map((d) => {
    const m = d.mapping;
    const providers = s.providers
      .map(
        (p) =>
          `<option value="${p.ProvNum}"${m?.provider === p.ProvNum ? " selected" : ""}>${e(`${p.Abbr} — ${p.name}`)}</option>`,
      )
      .join("");
    const box = (name: string, value: string, label: string, on: boolean) =>
      `<label><input type="checkbox" name="${name}" value="${e(value)}"${on ? " checked" : ""}> ${e(label)}</label> `;
    const ops = s.operatories.map((o) =>
      box(
        "operatory",
        String(o.OperatoryNum),
        `${o.Abbrev} (${o.OpName})`,
        m?.operatories.includes(o.OperatoryNum) ?? false,
      ),
    );
    const names = [
      ...new Set([...(s.workstations?.map((w) => w.name.toUpperCase()) ?? []), ...(m?.workstations ?? [])]),
    ];
    const stations = names.map((w) => box("workstation", w, w, m?.workstations.includes(w) ?? false));
    return `<form method="post" action="/setup/map" data-doctor="${e(d.id)}">${hidden}<input type="hidden" name="doctor" value="${e(d.id)}">
<h3>${e(t.doctor)} ${e(d.id)}</h3>
<p><label>${e(t.provider)}<br><select name="provider" required><option value="">${e(t.chooseProvider)}</option>${providers}</select></label></p>
<fieldset><legend>${e(t.operatories)}</legend>${ops.join("")}<br><span class="muted">${e(t.allOps)}</span></fieldset>
<fieldset><legend>${e(t.workstations)}</legend>${stations.join("") || "—"}</fieldset>
<p><button type="submit">${e(t.save)}</button></p></form>`;
  });
  return `<h2>${e(t.mapTitle)}</h2>${forms.join("")}`;
}

function check(v: SetupView): string {
  const t = text(v.lang);
  const s = v.survey;
  if (!s && !v.surveyProblem) return "";
  const items = [
    { ok: s !== null, text: t.checks.keys },
    ...(s
      ? [
          { ok: s.note_code !== null, text: t.checks.noteCode(v.noteCode) },
          { ok: s.seated_status !== null, text: t.checks.seated },
          ...v.doctors.map((d) => ({
            ok: d.mapping !== null && s.providers.some((p) => p.ProvNum === d.mapping?.provider),
            text: t.checks.mapped(d.id),
          })),
        ]
      : []),
  ];
  const passed = items.every((i) => i.ok);
  const list = items.map((i) => `<li class="${i.ok ? "ok" : "bad"}">${i.ok ? "✓" : "✗"} ${e(i.text)}</li>`).join("");
  return `<h2>${e(t.checkTitle)}</h2><p id="check" class="${passed ? "ok" : "bad"}"><strong>${e(passed ? t.passed : t.failed)}</strong></p><ul>${list}</ul>`;
}
