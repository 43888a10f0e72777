import type { ReportReadyData, TargetRef } from "@sofia/protocol";

/** The sink decided where the report goes (for Open Dental: the patient in the chair). */
export type Bound = { outcome: "bound"; target: TargetRef };
/**
 * The sink wrote the report; `target` names what it became there (e.g. a ProcNum). `reason`
 * remarks on it (a document that could not be attached) without undoing it.
 */
export type Written = { outcome: "written"; target: TargetRef; reason?: string };
/**
 * A person must look at it (uncertain patient, nothing configured to write into). `target` carries
 * ids that help them (the patient the report names, the one proposed from the chair).
 */
export type Held = { outcome: "held"; reason: string; target?: TargetRef };
/**
 * The attempt failed. `retryable` failures are tried again with backoff, up to the attempt limit;
 * the others go straight to the dead-letter state. `reason` is shown to people and sent to the
 * hub: never put patient data in it.
 */
export type Failed = { outcome: "failed"; reason: string; retryable: boolean };

/** What the journal knows of a report besides its content. */
export interface ReportContext {
  /** When this PC journaled it (ISO 8601). */
  receivedAt: string;
  protocol: "v1" | "v2";
}

/**
 * Where reports go after the journal: the Open Dental writer, or the {@link ReviewSink} that holds
 * everything. A sink must be idempotent per report id: after a crash between its write and the
 * journal's commit it is called again for the same report (`write` with the bound target).
 */
export interface Sink {
  /** Short name for logs and the status page. */
  readonly name: string;
  /** Decides where the report goes. */
  bind(report: ReportReadyData, context: ReportContext): Promise<Bound | Held | Failed>;
  /** Writes the report where `bind` said. */
  write(report: ReportReadyData, target: TargetRef): Promise<Written | Held | Failed>;
}
