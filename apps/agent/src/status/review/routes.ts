import { isOdError } from "@sofia/opendental";
import { z } from "zod";
import type { ReviewDesk, ReviewItem } from "../../review/desk.ts";
import type { OfficeDay } from "../../review/today.ts";
import { csrfToken } from "../csrf.ts";
import { confirmPage } from "./confirm-page.ts";
import { detailPage } from "./detail-page.ts";
import { type Lang, messages, pickLang } from "./i18n.ts";
import { listPage } from "./list-page.ts";
import { ReviewerName, readForm, reviewerCookie, reviewerOf } from "./security.ts";

/** What the status server sends back for a review request (it adds the headers and the count). */
export type ReviewAnswer =
  | { kind: "page"; status: number; html: string }
  | { kind: "text"; status: number; text: string }
  | { kind: "redirect"; location: string; cookie?: string };

/** What the review routes need. */
export interface ReviewRouteOptions {
  desk: ReviewDesk;
  secret: string;
  refreshMs: number;
}

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const Num = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));
const Version = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);
const DetailQuery = z.strictObject({ q: z.string().max(100).optional() });
const ConfirmQuery = z.strictObject({ patient: Num, v: Version });
const NameForm = z.strictObject({ name: ReviewerName, back: z.string().regex(/^\/review(\/[A-Za-z0-9_-]{1,128})?$/) });
const WriteForm = z.strictObject({ patient: Num, v: Version });
const DiscardForm = z.strictObject({
  v: Version,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, "a reason is printable text"),
});

/** Whether `path` is one of the review pages. */
export function isReviewPath(path: string): boolean {
  return path === "/review" || path.startsWith("/review/");
}

/**
 * The review pages: `GET /review` (the list), `GET /review/:id` (one report, `?q=` searches),
 * `GET /review/:id/confirm?patient=&v=` (the confirmation), and the decisions, POST only, each
 * with the CSRF token: `/review/name`, `/review/:id/write`, `/review/:id/discard`. The caller has
 * checked the Host header and the per-install key.
 */
export async function reviewRoute(
  request: Request,
  url: URL,
  o: ReviewRouteOptions,
  origin: string,
): Promise<ReviewAnswer> {
  const lang = pickLang(request.headers.get("accept-language"));
  const [, , rawId, action, ...rest] = url.pathname.split("/");
  const query = Object.fromEntries(url.searchParams);
  const csrf = csrfToken(o.secret, "review");
  if (rest.length > 0) return notFound();
  if (request.method === "POST") {
    if (rawId === "name" && action === undefined) {
      const form = await readForm(request, NameForm, o.secret, origin);
      if (!form) return refused();
      return { kind: "redirect", location: form.back, cookie: reviewerCookie(form.name) };
    }
    const id = Id.safeParse(rawId);
    if (!id.success || (action !== "write" && action !== "discard")) return notFound();
    const reviewer = reviewerOf(request);
    if (!reviewer) return { kind: "text", status: 403, text: messages(lang).nameFirst };
    if (action === "write") {
      const form = await readForm(request, WriteForm, o.secret, origin);
      if (!form) return refused();
      let refusal: Awaited<ReturnType<typeof o.desk.write>>;
      try {
        refusal = await o.desk.write(id.data, form.patient, reviewer, form.v);
      } catch (error) {
        // Open Dental did not answer the patient's look-up: nothing moved; say so on the page.
        if (!isOdError(error)) throw error;
        return detail(o, lang, id.data, request, null, messages(lang).odProblem(error.code));
      }
      return refusal
        ? detail(o, lang, id.data, request, refusal)
        : { kind: "redirect", location: `/review/${id.data}` };
    }
    const form = await readForm(request, DiscardForm, o.secret, origin);
    if (!form) return refused();
    const refusal = o.desk.discard(id.data, form.reason, reviewer, form.v);
    return refusal ? detail(o, lang, id.data, request, refusal) : { kind: "redirect", location: `/review/${id.data}` };
  }
  if (request.method !== "GET") return { kind: "text", status: 405, text: "only GET and POST" };
  if (rawId === undefined) {
    if (Object.keys(query).length > 0) return { kind: "text", status: 400, text: "no query here" };
    return { kind: "page", status: 200, html: listPage(lang, o.desk.held(), o.desk.doctor()?.id ?? null, o.refreshMs) };
  }
  const id = Id.safeParse(rawId);
  if (!id.success) return notFound();
  if (action === "confirm") {
    const q = ConfirmQuery.safeParse(query);
    const item = o.desk.get(id.data);
    if (!q.success || !item)
      return q.success ? notFound() : { kind: "text", status: 400, text: "patient and v are needed" };
    if (item.entry.state !== "held" || item.version !== q.data.v) return detail(o, lang, id.data, request, "handled");
    try {
      const day = await o.desk.day();
      const patient = day && (await o.desk.patient(q.data.patient, day));
      if (!day) return detail(o, lang, id.data, request, "not_connected");
      if (!patient) return detail(o, lang, id.data, request, "patient_not_found");
      return { kind: "page", status: 200, html: confirmPage(lang, item, patient, csrf) };
    } catch (error) {
      if (!isOdError(error)) throw error;
      return detail(o, lang, id.data, request, null, messages(lang).odProblem(error.code));
    }
  }
  if (action !== undefined) return notFound();
  const q = DetailQuery.safeParse(query);
  if (!q.success) return { kind: "text", status: 400, text: "the search is at most 100 characters" };
  return detail(o, lang, id.data, request, null, null, q.data.q);
}

const REFUSAL_STATUS = { handled: 409, not_connected: 503, no_doctor: 503, patient_not_found: 404 } as const;

async function detail(
  o: ReviewRouteOptions,
  lang: Lang,
  reportId: string,
  request: Request,
  refusal: keyof typeof REFUSAL_STATUS | null,
  problem: string | null = null,
  search?: string,
): Promise<ReviewAnswer> {
  const t = messages(lang);
  const item = o.desk.get(reportId);
  if (!item) return notFound();
  const notices = {
    handled: t.handled,
    not_connected: t.notConnected,
    no_doctor: t.noDoctor,
    patient_not_found: t.patientNotFound,
  };
  let notice = problem ?? (refusal ? notices[refusal] : null);
  let day: OfficeDay | null = null;
  let candidates = null;
  let results = null;
  if (item.entry.state === "held") {
    try {
      day = await o.desk.day();
      if (day) {
        candidates = await o.desk.candidates(item, day);
        if (search?.trim()) results = await o.desk.search(search, day);
      } else notice ??= t.notConnected;
    } catch (error) {
      if (!isOdError(error)) throw error;
      notice ??= t.odProblem(error.code);
    }
  }
  const html = detailPage({
    lang,
    item: item satisfies ReviewItem,
    doctor: o.desk.doctor()?.id ?? null,
    candidates,
    search: search?.trim() && results ? { query: search.trim(), results } : null,
    notice,
    reviewer: reviewerOf(request),
    csrf: csrfToken(o.secret, "review"),
    showTime: (ms) => (day ? day.time.wallText(ms) : new Date(ms).toISOString()).slice(0, 16).replace("T", " "),
    canWrite: day !== null && o.desk.doctor() !== null,
    refreshMs: o.refreshMs,
  });
  return { kind: "page", status: refusal ? REFUSAL_STATUS[refusal] : 200, html };
}

function notFound(): ReviewAnswer {
  return { kind: "text", status: 404, text: "not found" };
}

function refused(): ReviewAnswer {
  return {
    kind: "text",
    status: 403,
    text: "refused: reload the page and try again (the form's token is missing or wrong)",
  };
}
