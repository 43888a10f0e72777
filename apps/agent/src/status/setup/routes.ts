import { type EndpointConfig, isOdError, systemClock } from "@sofia/opendental";
import { ExternalId } from "@sofia/protocol";
import { z } from "zod";
import { odProblemWords } from "../../cli/opendental-office.ts";
import { readConfig } from "../../config/config-file.ts";
import { parseEndpointSpec } from "../../opendental/endpoint-spec.ts";
import { keyProblem, maskKey, OdKeyStore, type OdKeys } from "../../opendental/keys.ts";
import { Office } from "../../opendental/office.ts";
import { DoctorMapping, odSettings } from "../../opendental/settings.ts";
import { checkMapping, MappingRefused } from "../../opendental/setup/mapping.ts";
import { saveConnection, saveMapping } from "../../opendental/setup/save.ts";
import { type OfficeSurvey, surveyOffice } from "../../opendental/setup/survey.ts";
import type { AgentPaths } from "../../paths.ts";
import { csrfToken, validCsrf } from "../csrf.ts";
import { pickLang, text } from "./i18n.ts";
import { type SetupView, setupPage } from "./page.ts";

/** What the setup page needs: the agent's files and how to reach the office. */
export interface SetupDeps {
  paths: AgentPaths;
  fetch: typeof fetch;
  /** DPAPI on Windows, as the CLI stores keys. */
  protectKeys: boolean;
}

/** A form is small: a URL, two keys, a few ids. */
const MAX_FORM_BYTES = 16 * 1024;
const Key = z.string().max(128);
const ConnectForm = z.object({
  csrf: z.string().max(100),
  url: z.string().min(1).max(600),
  developer_key: Key,
  customer_key: Key,
});
const MapForm = z.object({
  csrf: z.string().max(100),
  doctor: ExternalId,
  provider: z.string().regex(/^\d{1,12}$/),
  operatory: z.array(z.string().regex(/^\d{1,12}$/)).max(50),
  workstation: z.array(z.string().max(64)).max(50),
});

/** Whether a path is the setup page's. */
export function isSetupPath(path: string): boolean {
  return path === "/setup" || path === "/setup/connect" || path === "/setup/map";
}

/**
 * `GET /setup` shows the page; `POST /setup/connect` and `/setup/map` do what `opendental connect`
 * and `map` do, with the same read-only checks, then show the page again with what happened. The
 * caller has checked the Host header and the per-install key; POSTs also need the CSRF token.
 */
export async function setupRequest(
  request: Request,
  url: URL,
  deps: SetupDeps,
  secret: string,
  /** What every status page adds to its HTML (the count of reports to review). */
  decorate: (html: string) => string = (html) => html,
): Promise<Response> {
  const lang = pickLang(request.headers.get("accept-language"));
  const notes: SetupView["notes"] = [];
  if (request.method === "POST") {
    const form = await readForm(request);
    if (form === null) return plain(400, "a setup form is application/x-www-form-urlencoded, at most 16 KB");
    if (!validCsrf(form.get("csrf") ?? undefined, secret, "setup"))
      return plain(403, "the form's CSRF token is missing or wrong: reload the setup page");
    const action = url.pathname === "/setup/connect" ? connect : url.pathname === "/setup/map" ? map : null;
    if (!action) return plain(404, "not found");
    notes.push(...(await action(form, deps, lang)));
  } else if (url.pathname !== "/setup") return plain(405, "only POST");
  const view = await load(deps, lang, csrfToken(secret, "setup"), notes);
  const failed = notes.some((n) => n.kind === "bad");
  return new Response(decorate(setupPage(view)), { status: failed ? 400 : 200, headers: HEADERS });
}

type Notes = SetupView["notes"];

async function connect(form: URLSearchParams, deps: SetupDeps, lang: "en" | "fr"): Promise<Notes> {
  const t = text(lang);
  const parsed = ConnectForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return [{ kind: "bad", text: `${t.problem}: ${parsed.error.issues[0]?.message ?? ""}` }];
  const stored = new OdKeyStore(deps.paths.openDentalKeysFile, deps.protectKeys).read();
  const keys: OdKeys = {
    developerKey: parsed.data.developer_key.trim() || stored?.developerKey || "",
    customerKey: parsed.data.customer_key.trim() || stored?.customerKey || "",
  };
  const problem = keyProblem(t.developerKey, keys.developerKey) ?? keyProblem(t.customerKey, keys.customerKey);
  if (problem) return [{ kind: "bad", text: `${t.problem}: ${problem}` }];
  let endpoints: ReturnType<typeof parseEndpointSpec>;
  try {
    endpoints = parseEndpointSpec(parsed.data.url);
  } catch (error) {
    return [{ kind: "bad", text: `${t.problem}: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const settings = odSettings(readConfig(deps.paths.configFile));
  // A blank key field keeps the stored key, but only for the addresses it was stored with: whoever
  // can open this page must not be able to send the office's keys to a server of their choosing.
  const reusing = !parsed.data.developer_key.trim() || !parsed.data.customer_key.trim();
  if (reusing && stored && !sameAddresses(endpoints, settings.endpoints))
    return [{ kind: "bad", text: `${t.problem}: ${t.keysForNewAddress}` }];
  const survey = await attempt(() => surveyOffice(office(deps, endpoints, keys), settings["note-code"]));
  if (typeof survey === "string") return [{ kind: "bad", text: `${t.problem}: ${survey}` }];
  saveConnection(deps.paths, endpoints, keys, deps.protectKeys);
  return [{ kind: "ok", text: t.saved.connected }];
}

async function map(form: URLSearchParams, deps: SetupDeps, lang: "en" | "fr"): Promise<Notes> {
  const t = text(lang);
  const parsed = MapForm.safeParse({
    ...Object.fromEntries(form),
    operatory: form.getAll("operatory"),
    workstation: form.getAll("workstation"),
  });
  const mapping = parsed.success
    ? DoctorMapping.safeParse({
        provider: Number(parsed.data.provider),
        operatories: parsed.data.operatory.map(Number),
        workstations: parsed.data.workstation,
      })
    : null;
  if (!parsed.success || !mapping?.success) return [{ kind: "bad", text: `${t.problem}: ${t.provider}?` }];
  const current = connection(deps);
  if (!current) return [{ kind: "bad", text: `${t.problem}: ${t.notConnected}` }];
  const checked = await attempt(() => checkMapping(office(deps, current.endpoints, current.keys), mapping.data));
  if (typeof checked === "string") return [{ kind: "bad", text: `${t.problem}: ${checked}` }];
  saveMapping(deps.paths, parsed.data.doctor, mapping.data);
  return [
    { kind: "ok", text: t.saved.mapped },
    ...checked.warnings.map((w) => ({ kind: "bad" as const, text: `${t.warning}: ${w}` })),
  ];
}

/** The page's contents, surveying the office live (read-only) when it is connected. */
async function load(deps: SetupDeps, lang: "en" | "fr", csrf: string, notes: Notes): Promise<SetupView> {
  const config = readConfig(deps.paths.configFile);
  const settings = odSettings(config);
  const current = connection(deps);
  let survey: OfficeSurvey | null = null;
  let surveyProblem: string | null = null;
  if (current) {
    const result = await attempt(() =>
      surveyOffice(office(deps, current.endpoints, current.keys), settings["note-code"]),
    );
    if (typeof result === "string") surveyProblem = result;
    else survey = result;
  }
  const ids = [
    ...new Set([...(config.device?.doctor_id ? [config.device.doctor_id] : []), ...Object.keys(settings.doctors)]),
  ];
  return {
    lang,
    csrf,
    noteCode: settings["note-code"],
    url: settings.endpoints.map((ep) => `${ep.mode}=${ep.url}`).join(","),
    keys: current
      ? { developer: maskKey(current.keys.developerKey), customer: maskKey(current.keys.customerKey) }
      : null,
    survey,
    surveyProblem,
    doctors: ids.map((id) => ({ id, mapping: settings.doctors[id] ?? null })),
    notes,
  };
}

function connection(deps: SetupDeps) {
  const settings = odSettings(readConfig(deps.paths.configFile));
  const keys = new OdKeyStore(deps.paths.openDentalKeysFile, deps.protectKeys).read();
  return settings.endpoints.length > 0 && keys ? { endpoints: settings.endpoints, keys } : null;
}

function office(deps: SetupDeps, endpoints: readonly EndpointConfig[], keys: OdKeys): Office {
  // A person is waiting: 20 s per request, as the CLI.
  return new Office({ endpoints, keys, clock: systemClock, fetch: deps.fetch, timeoutMs: 20_000 });
}

/** The work's result, or its failure in words (Open Dental's classified errors, a refused mapping). */
async function attempt<T>(work: () => Promise<T>): Promise<T | string> {
  try {
    return await work();
  } catch (error) {
    if (isOdError(error)) return odProblemWords(error);
    if (error instanceof MappingRefused) return error.message;
    throw error;
  }
}

async function readForm(request: Request): Promise<URLSearchParams | null> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return null;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) return null;
  const body = await request.text();
  return body.length > MAX_FORM_BYTES ? null : new URLSearchParams(body);
}

const HEADERS = {
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-type": "text/html; charset=utf-8",
  // No script at all; forms post only to this page.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

function plain(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" } });
}

/** Whether two endpoint lists reach the same servers (origins), in any order. */
function sameAddresses(a: readonly { url: string }[], b: readonly { url: string }[]): boolean {
  const origins = (list: readonly { url: string }[]) =>
    list
      .map((e) => new URL(e.url).origin)
      .sort()
      .join(" ");
  return origins(a) === origins(b);
}
