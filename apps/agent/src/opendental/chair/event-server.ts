import { parsePatientSelectedEvent } from "@sofia/opendental";
import type { Logger } from "@sofia/runtime/log";
import type { Server } from "bun";
import { z } from "zod";
import { WorkstationName } from "../settings.ts";
import type { SelectionSource } from "../state/selections.ts";

/** The paths the agent serves. */
export const EVENT_PATH = "/opendental/patient-selected";
export const PROGRAM_LINK_PATH = "/opendental/program-link";
/** The header `sofia-agent select-patient` sends: a browser cannot send it cross-site without asking first. */
export const PROGRAM_LINK_HEADER = "x-sofia-program-link";

const ProgramLinkBody = z.strictObject({
  PatNum: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  workstation: WorkstationName,
});

/** What the endpoint does with what it receives. */
export interface EventServerOptions {
  hostname: string;
  port: number;
  /** The office's customer key now (events must carry it), or null when Open Dental is not connected. */
  customerKey: () => string | null;
  /** A workstation selected a patient. */
  selected: (source: SelectionSource, workstation: string, patNum: number) => void;
  /** Whether a PatNum from the Program Link is a patient ("unknown" when Open Dental cannot say now). */
  patientExists: (patNum: number) => Promise<boolean | "unknown">;
  log: Logger;
}

/** A running endpoint. */
export interface EventServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The agent's endpoint for who is in the chair:
 * - `POST /opendental/patient-selected`: OpenDental.exe's PatientSelected UI event. Accepted only
 *   with `Authorization: {CustomerKey}` (anyone on the network can post here); the workstation is
 *   the `Workstation` header (since 22.4.28), else the subscription's `?workstation=`.
 * - `POST /opendental/program-link`: `sofia-agent select-patient`, from this PC only, with the
 *   `X-Sofia-Program-Link` header and a JSON body, so a web page cannot forge it.
 */
export function startEventServer(options: EventServerOptions): EventServer {
  const server: Server<undefined> = Bun.serve({
    hostname: options.hostname,
    port: options.port,
    maxRequestBodySize: 128 * 1024,
    fetch: (request) => handle(request, options, server),
  });
  return { url: `http://${options.hostname}:${server.port ?? options.port}`, stop: () => server.stop(true) };
}

async function handle(request: Request, o: EventServerOptions, server: Server<undefined>): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== "POST") return text(405, "POST only");
  if (url.pathname === EVENT_PATH) return patientSelected(request, url, o);
  if (url.pathname === PROGRAM_LINK_PATH) return programLink(request, o, server);
  return text(404, "not found");
}

async function patientSelected(request: Request, url: URL, o: EventServerOptions): Promise<Response> {
  const key = o.customerKey();
  if (key === null) return text(503, "Open Dental is not connected on this PC");
  const event = parsePatientSelectedEvent({ headers: request.headers, body: await request.text() }, key);
  if (!event.ok) {
    o.log.warn("PatientSelected event refused", { why: event.reason });
    return text(event.reason === "unauthorized" ? 401 : 400, event.reason);
  }
  const named = WorkstationName.safeParse(event.workstation ?? url.searchParams.get("workstation") ?? "");
  if (!named.success) return text(400, "no workstation");
  o.selected("ui-event", named.data, event.patient.PatNum);
  o.log.info("patient selected", { source: "ui-event", workstation: named.data, pat_num: event.patient.PatNum });
  return text(200, "ok");
}

async function programLink(request: Request, o: EventServerOptions, server: Server<undefined>): Promise<Response> {
  const from = server.requestIP(request)?.address ?? "";
  if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(from)) return text(403, "only from this PC");
  if (
    request.headers.get(PROGRAM_LINK_HEADER) !== "1" ||
    !request.headers.get("content-type")?.startsWith("application/json")
  ) {
    return text(400, "not a Program Link request");
  }
  let body: z.infer<typeof ProgramLinkBody>;
  try {
    body = ProgramLinkBody.parse(JSON.parse(await request.text()));
  } catch {
    return text(400, "expected {PatNum, workstation}");
  }
  const exists = await o.patientExists(body.PatNum);
  if (exists === false) return text(404, `Open Dental has no patient ${body.PatNum}`);
  o.selected("program-link", body.workstation, body.PatNum);
  o.log.info("patient selected", { source: "program-link", workstation: body.workstation, pat_num: body.PatNum });
  return Response.json({ PatNum: body.PatNum, workstation: body.workstation.toUpperCase(), checked: exists === true });
}

function text(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
