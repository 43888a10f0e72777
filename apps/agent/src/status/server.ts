import type { Logger } from "@sofia/runtime/log";
import type { Server } from "bun";
import { z } from "zod";
import type { StatusBoard } from "../connection/status-board.ts";
import type { Journal } from "../journal/journal.ts";
import { ReportState } from "../journal/states.ts";
import type { AgentMetrics } from "../metrics/agent-metrics.ts";
import type { ReviewDesk } from "../review/desk.ts";
import { figures, overviewPage, PAGE_SIZE, reportPage } from "./pages.ts";
import { withReviewCount } from "./review/chrome.ts";
import { pickLang } from "./review/i18n.ts";
import { isReviewPath, type ReviewAnswer, reviewRoute } from "./review/routes.ts";
import { sameSecret } from "./secret.ts";
import { isSetupPath, type SetupDeps, setupRequest } from "./setup/routes.ts";
import { type StatusMeta, snapshot } from "./snapshot.ts";
import { STATUS_SCRIPT } from "./status.js.ts";

const COOKIE = "sofia_status";
const PageQuery = z.strictObject({
  key: z.string().max(128).optional(),
  state: ReportState.optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .optional(),
});
const ReportPath = z.string().regex(/^\/reports\/([A-Za-z0-9_-]{1,128})$/);

/** What the status page shows and how it is protected. */
export interface StatusServerOptions {
  board: StatusBoard;
  journal: Journal;
  secret: string;
  /** 0 picks a free port (tests). */
  port: number;
  meta: StatusMeta;
  /** How often the overview refreshes its figures in place. Default 5 s. */
  refreshMs?: number;
  /** The Open Dental setup page (`/setup`); without it the page is not served. */
  setup?: SetupDeps;
  /** Held reports and a person's decisions on them (`/review`). */
  review?: ReviewDesk;
  log?: Logger;
  /** Served at `/metrics` (Prometheus text), with the same key as the page. */
  metrics?: AgentMetrics;
}

/** A running status page. */
export interface StatusServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * The local status page, on 127.0.0.1 only. Every request needs the per-install secret: as a
 * bearer token (`sofia-agent status`), or once as `?key=` (the link the CLI prints), which sets a
 * same-site cookie. The Host header must name the loopback address, so a web page the clinic's
 * browser visits cannot reach it through DNS rebinding.
 */
export function startStatusServer(options: StatusServerOptions): StatusServer {
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: options.port,
    fetch: (request) => handle(request, options, server.port ?? 0),
    // Never Bun's development error page (it would show a stack trace and the request).
    error: (error) => {
      options.log?.error("status page request failed", { error: error.name });
      return text(500, "internal error: see the agent's log");
    },
  });
  const port = server.port ?? 0;
  return { port, url: `http://127.0.0.1:${port}`, stop: () => server.stop(true) };
}

async function handle(request: Request, o: StatusServerOptions, port: number): Promise<Response> {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? "";
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return text(421, "wrong host");
  // Every page carries the count of reports to review, in its body and its title.
  const counted = (body: string) =>
    withReviewCount(body, o.journal.counts().held, pickLang(request.headers.get("accept-language")));
  const page = (body: string, status = 200) => html(counted(body), status);
  if (o.review && isReviewPath(url.pathname) && !url.searchParams.has("key")) {
    if (!authorized(request, o.secret)) return text(401, "run sofia-agent status to get the link to this page");
    const options = { desk: o.review, secret: o.secret, refreshMs: o.refreshMs ?? 5000 };
    return answer(await reviewRoute(request, url, options, `http://${host}`), page);
  }
  // The setup forms post here (CSRF token checked there).
  if (request.method === "POST" && o.setup && isSetupPath(url.pathname)) {
    if (!authorized(request, o.secret)) return text(401, "run sofia-agent status to get the link to this page");
    return setupRequest(request, url, o.setup, o.secret, counted);
  }
  if (request.method !== "GET") return text(405, "only GET");
  const query = PageQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success)
    return text(400, `bad query: state is one of ${ReportState.options.join(", ")}; page is 1 or more`);
  if (query.data.key !== undefined) {
    if (!sameSecret(query.data.key, o.secret)) return text(401, "wrong key: run sofia-agent status to get the link");
    const cookie = `${COOKIE}=${o.secret}; HttpOnly; SameSite=Strict; Path=/`;
    return new Response(null, { status: 303, headers: { location: url.pathname, "set-cookie": cookie } });
  }
  if (!authorized(request, o.secret)) return text(401, "run sofia-agent status to get the link to this page");
  if (url.pathname === "/metrics" && o.metrics) return metricsResponse(o.metrics);
  if (o.setup && isSetupPath(url.pathname)) return setupRequest(request, url, o.setup, o.secret, counted);
  if (url.pathname === "/api/status") return Response.json(snapshot(o.board, o.journal, o.meta));
  if (url.pathname === "/api/figures") return Response.json(figures(snapshot(o.board, o.journal, o.meta)));
  if (url.pathname === "/status.js") {
    return new Response(STATUS_SCRIPT, { headers: { ...SECURITY, "content-type": "text/javascript; charset=utf-8" } });
  }
  if (url.pathname === "/") {
    const list = { state: query.data.state ?? null, page: query.data.page ?? 1 };
    const entries = o.journal.page(list.state, PAGE_SIZE, (list.page - 1) * PAGE_SIZE);
    return page(overviewPage(snapshot(o.board, o.journal, o.meta), list, entries, o.refreshMs ?? 5000));
  }
  const reportPath = ReportPath.safeParse(url.pathname);
  const reportId = reportPath.success ? reportPath.data.slice("/reports/".length) : null;
  if (reportId && o.journal.get(reportId)) {
    return page(reportPage(reportId, o.journal.history(reportId), o.journal.content(reportId)));
  }
  return text(404, "not found");
}

async function metricsResponse(metrics: AgentMetrics): Promise<Response> {
  const { body, contentType } = await metrics.text();
  return new Response(body, { headers: { ...SECURITY, "content-type": contentType } });
}

function authorized(request: Request, secret: string): boolean {
  const bearer = /^Bearer (\S{1,128})$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer !== undefined) return sameSecret(bearer, secret);
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return cookie !== undefined && sameSecret(cookie.slice(COOKIE.length + 1), secret);
}

const SECURITY = { "cache-control": "no-store", "x-frame-options": "DENY", "referrer-policy": "no-referrer" };

function answer(a: ReviewAnswer, page: (body: string, status: number) => Response): Response {
  if (a.kind === "page") return page(a.html, a.status);
  if (a.kind === "text") return text(a.status, a.text);
  const headers: Record<string, string> = { ...SECURITY, location: a.location };
  if (a.cookie) headers["set-cookie"] = a.cookie;
  return new Response(null, { status: 303, headers });
}

function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      ...SECURITY,
      "content-type": "text/html; charset=utf-8",
      // The one script is /status.js, which only reads /api/figures from this same origin. Forms
      // post here only; a report's rendering is a sandboxed srcdoc frame, which inherits this policy.
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'",
    },
  });
}

function text(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { ...SECURITY, "content-type": "text/plain; charset=utf-8" } });
}
