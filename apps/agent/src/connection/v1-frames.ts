import type { WebSocketLike } from "@sofia/client";
import { PING, PONG, type ReportReadyData, V1ServerMessage } from "@sofia/protocol";
import type { LinkDeps } from "./link.ts";
import { fromSpec, SpecReportReady } from "./v1-spec-report.ts";

/** What handling a v1 frame needs from the link. */
export type V1FrameDeps = Pick<LinkDeps, "credential" | "journal" | "log" | "onJournaled">;

/** What a v1 socket tells its link. */
export interface V1SocketEvents {
  /** Whether the socket is still the link's current one; events of an abandoned socket are dropped. */
  current(): boolean;
  pong(): void;
  closed(code: number): void;
}

/**
 * Speaks v1 on a fresh socket: on open it sends the doctor key, then a `ping` at once. The spec
 * defines no answer to auth, so the pong to that first ping is what proves the key was accepted
 * (a refused key closes the socket instead). Every other text frame goes to {@link handleV1Frame}.
 */
export function speakV1(socket: WebSocketLike, deps: V1FrameDeps, events: V1SocketEvents): void {
  socket.onopen = () => {
    if (!events.current()) return;
    socket.send(JSON.stringify({ doctor_key: deps.credential }));
    socket.send(PING);
  };
  socket.onmessage = (event) => {
    if (!events.current()) return;
    if (event.data === PONG) events.pong();
    else if (typeof event.data === "string") handleV1Frame(event.data, deps);
  };
  socket.onclose = (event) => events.closed(event.code);
}

/**
 * Handles one text frame from a v1 endpoint other than `pong`: a `report_ready` is journaled at
 * once (v1 has no acknowledgement to wait for) — with the hub's extensions, or exactly as the
 * integrators' spec lists it (see v1-spec-report.ts) — an `error` is logged by its code. A frame that is
 * not JSON or does not follow the spec is logged (without its content) and dropped; the connection
 * stays up.
 */
export function handleV1Frame(text: string, deps: V1FrameDeps): void {
  let parsed: ReturnType<typeof V1ServerMessage.safeParse>;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
    parsed = V1ServerMessage.safeParse(raw);
  } catch {
    deps.log.warn("the endpoint sent a frame that is not JSON");
    return;
  }
  const spec = parsed.success ? null : specReport(raw);
  if (spec) {
    journalReport(spec, deps);
    return;
  }
  if (!parsed.success) {
    deps.log.warn("the endpoint sent a message that does not follow the spec");
    return;
  }
  const message = parsed.data;
  if (message.type === "report_ready") journalReport(message, deps);
  else if (message.type === "error") deps.log.warn("endpoint error", { code: message.code });
}

/** The frame as a spec-exact `report_ready` (no `report_id`, no `patient`), or null. */
function specReport(raw: unknown): ReportReadyData | null {
  const parsed = SpecReportReady.safeParse(raw);
  return parsed.success ? fromSpec(parsed.data) : null;
}

// The journal keeps the report as the spec defines its data, without the envelope's `type`.
function journalReport(report: ReportReadyData & { type?: string }, deps: V1FrameDeps): void {
  const { type: _type, ...data } = report;
  const recorded = deps.journal.recordV1(data);
  deps.log.info(recorded === "new" ? "report journaled" : "duplicate report recognised", {
    report_id: data.report_id,
    protocol: "v1",
  });
  if (recorded === "new") deps.onJournaled();
}
