import type { Clock } from "@sofia/opendental";
import { isOdError, OdErrorCode } from "@sofia/opendental";
import type { ReportReadyData } from "@sofia/protocol";
import type { Journal } from "../journal/journal.ts";
import type { JournalEntry } from "../journal/rows.ts";
import { IllegalTransition } from "../journal/states.ts";
import { type HoldCode, reasonCode } from "../opendental/hold-reasons.ts";
import type { OpenDentalService } from "../opendental/service.ts";
import type { DoctorMapping } from "../opendental/settings.ts";
import { type Candidate, fromPatient } from "./candidate.ts";
import { gatherCandidates } from "./candidates.ts";
import { searchPatients } from "./search.ts";
import { type OfficeDay, readOfficeDay } from "./today.ts";

/** A report as the review page shows it. `version` (its number of moves) is what a form saw. */
export interface ReviewItem {
  entry: JournalEntry;
  code: HoldCode | null;
  report: ReportReadyData | null;
  version: number;
}

/** Why a person's decision was not applied. */
export type Refusal = "handled" | "not_connected" | "no_doctor" | "patient_not_found";

/** What the review desk needs from the agent. */
export interface ReviewDeskDeps {
  journal: Journal;
  openDental: OpenDentalService;
  /** The doctor this agent serves, when it knows. */
  doctorId: () => string | null;
  /** Asks the processor to work now (it writes a report a person bound, then sends the statuses). */
  kick: () => void;
  clock: Clock;
}

/**
 * Held reports and a person's decisions on them. Writing binds the report to the chosen patient
 * (`held → bound`, skipping the identification rule) and lets the processor write it through the
 * Open Dental writer and its exactly-once ledger; discarding moves it to `dead`. Both check the
 * report's version (its number of moves) and move it in one journal transaction, so a second tab
 * showing the same held report — or a report held again since — is refused, never written twice.
 */
export class ReviewDesk {
  constructor(private readonly deps: ReviewDeskDeps) {}

  /** How many reports wait for a person. */
  count(): number {
    return this.deps.journal.counts().held;
  }

  /** The held reports, newest first. */
  held(limit = 200): ReviewItem[] {
    return this.deps.journal.page("held", limit, 0).map((entry) => this.item(entry));
  }

  /** One report in any state, or null when the journal never had it. */
  get(reportId: string): ReviewItem | null {
    const entry = this.deps.journal.get(reportId);
    return entry ? this.item(entry) : null;
  }

  /** The doctor's id and mapping: the known doctor's, or the only one mapped. */
  doctor(): { id: string; mapping: DoctorMapping } | null {
    const doctors = this.deps.openDental.currentSettings().doctors;
    const known = this.deps.doctorId();
    if (known !== null) {
      const mapping = doctors[known];
      return mapping ? { id: known, mapping } : null;
    }
    const entries = Object.entries(doctors);
    const [only] = entries;
    return only && entries.length === 1 ? { id: only[0], mapping: only[1] } : null;
  }

  /** The office's day, or null when Open Dental is not connected. Open Dental errors propagate. */
  async day(): Promise<OfficeDay | null> {
    const office = this.deps.openDental.currentOffice();
    return office ? readOfficeDay(office, this.deps.clock.now()) : null;
  }

  /** The patients a person may mean for `item`. */
  async candidates(item: ReviewItem, day: OfficeDay): Promise<Candidate[]> {
    const office = this.deps.openDental.currentOffice();
    if (!office) return [];
    return gatherCandidates({
      office,
      day,
      selections: this.deps.openDental.selections,
      mapping: this.doctor()?.mapping ?? null,
      patient: item.report?.patient ?? null,
      target: item.entry.target,
    });
  }

  /** Patients by name, as Open Dental's Patient Select searches. */
  async search(query: string, day: OfficeDay): Promise<Candidate[]> {
    const office = this.deps.openDental.currentOffice();
    return office ? searchPatients(office, day, query, this.doctor()?.mapping.operatories ?? []) : [];
  }

  /** One patient, for the confirmation; null when there is none. */
  async patient(patNum: number, day: OfficeDay): Promise<Candidate | null> {
    const office = this.deps.openDental.currentOffice();
    if (!office) return null;
    try {
      const p = await office.track(office.client.patients.get(patNum));
      return {
        ...fromPatient(p, day.today),
        appointment: day.appointmentOf(patNum, this.doctor()?.mapping.operatories ?? []),
      };
    } catch (error) {
      if (isOdError(error, OdErrorCode.NOT_FOUND)) return null;
      throw error;
    }
  }

  /** Binds the held report to `patNum` for `by`, then lets the processor write it. */
  async write(reportId: string, patNum: number, by: string, version: number): Promise<Refusal | null> {
    // A stale form spares Open Dental the look-ups; the journal checks the version again as it moves.
    if (!this.unchanged(reportId, version)) return "handled";
    const doctor = this.doctor();
    if (!this.deps.openDental.currentOffice()) return "not_connected";
    if (!doctor) return "no_doctor";
    const day = await this.day();
    if (!day || !(await this.patient(patNum, day))) return "patient_not_found";
    const at = new Date(this.deps.clock.now()).toISOString();
    const ids = {
      PatNum: patNum,
      ProvNum: doctor.mapping.provider,
      source: "review",
      rule: "person",
      by,
      decided_at: at,
    };
    const moved = this.move(reportId, "bound", {
      target: { system: "opendental", ids },
      reason: `reviewed: ${by} chose PatNum ${patNum}`,
      announce: { status: "received", statusId: `${reportId.slice(0, 48)}:review-${version}` },
      expect: { state: "held", moves: version },
    });
    if (!moved) return "handled";
    this.deps.openDental.audit.record({
      reportId,
      decision: "write",
      patNum,
      source: "review",
      rule: "person",
      detail: { by },
    });
    this.deps.kick();
    return null;
  }

  /** Discards the held report with a person's reason. */
  discard(reportId: string, reason: string, by: string, version: number): Refusal | null {
    const at = new Date(this.deps.clock.now()).toISOString();
    const moved = this.move(reportId, "dead", {
      reason: `discarded by ${by}: ${reason}`.slice(0, 1000),
      // The typed reason stays in this clinic (it may well name a patient); the hub, and the
      // doctor's app through it, learn who discarded it and when, not why in free text.
      announce: { status: "failed", statusId: `${reportId}:failed`, reason: `discarded on the review page by ${by}` },
      expect: { state: "held", moves: version },
      target: { system: "sofia-agent", ids: { decision: "discarded", by, decided_at: at } },
    });
    if (!moved) return "handled";
    this.deps.openDental.audit.record({
      reportId,
      decision: "discard",
      code: "discarded",
      rule: "person",
      detail: { by, reason },
    });
    // A pass of the processor also sends the journal's pending statuses to the hub.
    this.deps.kick();
    return null;
  }

  private unchanged(reportId: string, version: number): boolean {
    const entry = this.deps.journal.get(reportId);
    return entry?.state === "held" && this.deps.journal.history(reportId).length === version;
  }

  private move(reportId: string, to: "bound" | "dead", options: Parameters<Journal["move"]>[2]): boolean {
    try {
      this.deps.journal.move(reportId, to, options);
      return true;
    } catch (error) {
      if (error instanceof IllegalTransition) return false;
      throw error;
    }
  }

  private item(entry: JournalEntry): ReviewItem {
    const { journal } = this.deps;
    const report = entry.hasContent ? journal.content(entry.reportId) : null;
    return { entry, code: reasonCode(entry.reason), report, version: journal.history(entry.reportId).length };
  }
}
