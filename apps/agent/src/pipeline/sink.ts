import type { ReportReadyData, TargetRef } from "@sofia/protocol";

/** The sink decided where the report goes (for Open Dental: the patient in the chair). */
export type Bound = { outcome: "bound"; target: TargetRef };
/** The sink wrote the report; `target` names what it became there (e.g. a ProcNum). */
export type Written = { outcome: "written"; target: TargetRef };
/** A person must look at it (uncertain patient, nothing configured to write into). */
export type Held = { outcome: "held"; reason: string };
/**
 * The attempt failed. `retryable` failures are tried again with backoff, up to the attempt limit;
 * the others go straight to the dead-letter state. `reason` is shown to people and sent to the
 * hub: never put patient data in it.
 */
export type Failed = { outcome: "failed"; reason: string; retryable: boolean };

/**
 * Where reports go after the journal. The Open Dental writer (a later issue) is one; until then the
 * agent runs the {@link ReviewSink}. A sink must be idempotent per report id: after a crash between
 * its write and the journal's commit it is called again for the same report.
 */
export interface Sink {
  /** Short name for logs and the status page. */
  readonly name: string;
  /** Decides where the report goes. */
  bind(report: ReportReadyData): Promise<Bound | Held | Failed>;
  /** Writes the report where `bind` said. */
  write(report: ReportReadyData, target: TargetRef): Promise<Written | Held | Failed>;
}
