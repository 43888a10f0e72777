import type { Candidate } from "../../review/candidate.ts";
import type { ReviewItem } from "../../review/desk.ts";
import { escapeHtml as e } from "../html.ts";
import { candidatesTable, type ShowTime } from "./candidates-table.ts";
import { reviewLayout } from "./chrome.ts";
import { type Lang, type Messages, messages } from "./i18n.ts";
import { identifiers } from "./list-page.ts";

/** Everything one report's review page shows. */
export interface DetailView {
  lang: Lang;
  item: ReviewItem;
  doctor: string | null;
  /** Null when Open Dental cannot be asked (not connected, or it failed: see `problem`). */
  candidates: readonly Candidate[] | null;
  search: { query: string; results: readonly Candidate[] } | null;
  /** A sentence for the person (an Open Dental failure, a refused decision). */
  notice: string | null;
  reviewer: string | null;
  csrf: string;
  showTime: ShowTime;
  canWrite: boolean;
  refreshMs: number;
}

/**
 * One report: why it waits, whom it names, the patients it may be about (with a link to confirm
 * each), a search box, the discard form, and its text — the HTML rendering in a sandboxed frame
 * without scripts (`srcdoc`, escaped) and the plain text as text: never markup in this page.
 */
export function detailPage(v: DetailView): string {
  const t = messages(v.lang);
  const { entry, report } = v.item;
  const id = entry.reportId;
  const base = `/review/${encodeURIComponent(id)}`;
  const held = entry.state === "held";
  const facts = `<table>
<tr><th>${e(t.reason)}</th><td>${e(t.hold(v.item.code, entry.reason))}</td></tr>
<tr><th>${e(t.visit)}</th><td>${e(report?.visit_date ?? entry.receivedAt.slice(0, 10))}</td></tr>
<tr><th>${e(t.doctor)}</th><td>${e(v.doctor ?? t.unknown)}</td></tr>
<tr><th>${e(t.reportPatient)}</th><td>${identifiers(t, report?.patient ?? null)}</td></tr></table>`;
  const notice = v.notice ? `<p class="notice" role="alert">${e(v.notice)}</p>` : "";
  const state = held
    ? ""
    : `<p class="who" role="status">${e(t.state(entry.state))} <span class="muted">${e(entry.reason ?? "")}</span></p>`;
  const choose =
    held && v.canWrite && v.reviewer
      ? (c: Candidate) => `${base}/confirm?patient=${c.patNum}&v=${v.item.version}`
      : null;
  const proposals = !held
    ? ""
    : v.candidates === null
      ? ""
      : v.candidates.length > 0
        ? candidatesTable(t, v.candidates, v.showTime, choose)
        : `<p class="muted">${e(t.noCandidates)}</p>`;
  const search = !held
    ? ""
    : `<form method="get" action="${e(base)}" role="search"><label for="q">${e(t.searchLabel)}</label><br>
<input id="q" name="q" type="search" maxlength="100" value="${e(v.search?.query ?? "")}"> <button type="submit">${e(t.search)}</button></form>
${v.search ? `<h3>${e(t.searchResults(v.search.query))}</h3>${v.search.results.length ? candidatesTable(t, v.search.results, v.showTime, choose) : `<p>${e(t.noResults)}</p>`}` : ""}`;
  const discard =
    held && v.reviewer
      ? `<h2>${e(t.discardTitle)}</h2><form method="post" action="${e(base)}/discard">${hidden(v.csrf, v.item.version)}
<label for="reason">${e(t.discardReason)}</label><br><textarea id="reason" name="reason" required maxlength="300" rows="2"></textarea><br>
<button class="danger" type="submit">${e(t.discard)}</button></form>`
      : "";
  const text = report
    ? `<h2>${e(t.reportText)}</h2><iframe class="report" sandbox="" title="${e(t.reportText)}" srcdoc="${e(report.html_content)}"></iframe>
<details><summary>${e(t.plainText)}</summary><pre class="report" dir="auto">${e(report.plaintext_report)}</pre></details>`
    : "";
  const body = `<p><a href="/review">${e(t.toList)}</a></p><h1>${e(t.reviewTitle)}: <bdi>${e(id)}</bdi></h1>
${notice}${state}${facts}${held ? nameForm(t, v.reviewer, v.csrf, base) : ""}
${held ? `<h2>${e(t.who)}</h2>` : ""}${proposals}${search}${discard}${text}`;
  return reviewLayout(v.lang, `${t.reviewTitle}: ${id}`, body, v.refreshMs);
}

/** The person's name: a form the first time on this browser, then who they are, with a way to change. */
export function nameForm(t: Messages, reviewer: string | null, csrf: string, back: string): string {
  const form = (
    value: string,
  ) => `<form method="post" action="/review/name"><input type="hidden" name="csrf" value="${e(csrf)}">
<input type="hidden" name="back" value="${e(back)}"><label for="reviewer">${e(t.yourName)}</label><br>
<input id="reviewer" name="name" type="text" required maxlength="80" autocomplete="name" value="${e(value)}"> <button type="submit">${e(t.save)}</button></form>`;
  if (reviewer === null) return `${form("")}<p class="muted">${e(t.nameFirst)}</p>`;
  return `<details><summary>${e(t.youAre(reviewer))} ${e(t.change)}</summary>${form(reviewer)}</details>`;
}

/** The hidden fields of a decision: the CSRF token and the report's version the form saw. */
export function hidden(csrf: string, version: number): string {
  return `<input type="hidden" name="csrf" value="${e(csrf)}"><input type="hidden" name="v" value="${version}">`;
}
