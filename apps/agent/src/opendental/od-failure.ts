import { OpenDentalError } from "@sofia/opendental";
import type { Failed, Held } from "../pipeline/sink.ts";
import { HoldCode, holdReason } from "./hold-reasons.ts";
import type { Audit } from "./state/audit.ts";
import { MissingCode } from "./write/procnote.ts";

/** Plain words for the retryable failures, by the client's code. */
const RETRY_WORDS: Record<string, string> = {
  network: "Open Dental could not be reached",
  timeout: "Open Dental did not answer in time",
  server_error: "Open Dental answered with a server error",
  gateway_timeout: "Open Dental took longer than 60 seconds",
  office_unreachable: "the office's eConnector or network is down",
  throttled: "Open Dental asked to slow down",
  invalid_response: "Open Dental's answer could not be read",
  write_in_flight: "another write for this report is still under way",
};

/**
 * What a failure talking to Open Dental means for the report, by what the client says to do:
 * `retry` → failed, tried again later (the ledger makes the retry safe); `fix_setup` → held
 * `setup_needed` (a key disabled or lacking a permission, an office too old, no note code);
 * `give_up` → held `write_refused`. Open Dental's own explanation may quote request values: it
 * goes to the local audit only, never into the reason the hub receives or the log.
 * Returns null for errors that are not Open Dental's (bugs propagate).
 */
export function failureOutcome(error: unknown, reportId: string, audit: Audit, step: string): Held | Failed | null {
  if (error instanceof MissingCode) {
    audit.record({
      reportId,
      decision: "hold",
      code: HoldCode.SETUP_NEEDED,
      rule: step,
      detail: { missing_code: error.code },
    });
    const detail = `the office has no procedure code ${error.code}: add it, or set opendental.note-code`;
    return { outcome: "held", reason: holdReason(HoldCode.SETUP_NEEDED, detail) };
  }
  if (!(error instanceof OpenDentalError)) return null;
  const what = `${error.status ? `${error.status} ` : ""}${error.code} on ${error.request}${error.mode ? ` via ${error.mode}` : ""}`;
  const detail = {
    request: error.request,
    status: error.status ?? null,
    outcome_unknown: error.outcomeUnknown,
    explanation: error.explanation?.slice(0, 300) ?? null,
  };
  if (error.action === "retry") {
    audit.record({ reportId, decision: "failed", code: error.code, rule: step, detail });
    const words = RETRY_WORDS[error.code] ?? "Open Dental failed";
    return { outcome: "failed", reason: `opendental_unavailable: ${words} (${what}); will retry`, retryable: true };
  }
  const code = error.action === "fix_setup" ? HoldCode.SETUP_NEEDED : HoldCode.WRITE_REFUSED;
  audit.record({ reportId, decision: "hold", code, rule: step, detail: { ...detail, error: error.code } });
  return { outcome: "held", reason: holdReason(code, `${what}; details on this PC's status page`) };
}
