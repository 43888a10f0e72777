import type { Clock } from "@sofia/opendental";
import type { ReportReadyData, TargetRef } from "@sofia/protocol";
import type { Bound, Failed, Held, ReportContext, Sink, Written } from "../pipeline/sink.ts";
import { gatherPresences } from "./chair/gather.ts";
import { HoldCode, holdReason } from "./hold-reasons.ts";
import { identify } from "./identify.ts";
import { failureOutcome } from "./od-failure.ts";
import { reportTime } from "./report-time.ts";
import { type Decision, decide } from "./rule.ts";
import type { OpenDentalService } from "./service.ts";
import type { DoctorMapping, OpenDentalSettings } from "./settings.ts";
import { writeReport } from "./write/writer.ts";

const MINUTE_MS = 60_000;

/**
 * The Open Dental writer. `bind` applies the patient-safety rule (identify the report's patient,
 * gather who is in the doctor's chairs, decide); `write` writes the report there exactly once.
 * Until Open Dental is connected it holds every report, as the review sink does.
 */
export class OpenDentalSink implements Sink {
  readonly name = "opendental";

  constructor(
    private readonly service: OpenDentalService,
    /** The doctor this agent serves, when it knows (v2 tells; a v1 doctor key does not). */
    private readonly doctorId: () => string | null,
    private readonly clock: Clock,
    private readonly fetchDocx: typeof fetch = fetch,
  ) {}

  async bind(report: ReportReadyData, context: ReportContext): Promise<Bound | Held | Failed> {
    const { service } = this;
    const id = report.report_id;
    const office = service.currentOffice();
    if (!office) return { outcome: "held", reason: holdReason(HoldCode.NOT_CONFIGURED) };
    const pinned = service.ledger.get(id);
    if (pinned) {
      // Its write has begun on this patient: it is finished there, whoever is in the chair now.
      return bound(pinned.patNum, pinned.provNum, "ledger", "resume");
    }
    const settings = service.currentSettings();
    const doctor = this.doctor(settings);
    if (!doctor) {
      service.audit.record({
        reportId: id,
        decision: "hold",
        code: HoldCode.DOCTOR_NOT_MAPPED,
        rule: "mapping",
        detail: { doctor: this.doctorId() },
      });
      return {
        outcome: "held",
        reason: holdReason(HoldCode.DOCTOR_NOT_MAPPED, this.doctorId() ?? "doctor unknown on a v1 connection"),
      };
    }
    try {
      const now = this.clock.now();
      const time = await office.time();
      const reportMs = reportTime(id, Date.parse(context.receivedAt));
      const maxAgeMs = settings["selection-max-age"] * MINUTE_MS;
      const windowMs = settings["chair-binding-window"] * MINUTE_MS;
      // The hub says when the visit began, when the producer knew; it bounds chair binding exactly.
      const visitStartMs = report.visit_started_at ? Math.min(Date.parse(report.visit_started_at), reportMs) : null;
      const identity = await office.track(identify(report.patient, office.client));
      const presences = await gatherPresences({
        office,
        time,
        selections: service.selections,
        mapping: doctor.mapping,
        sources: settings["patient-sources"],
        nowMs: now,
        fromMs: Math.min(visitStartMs ?? reportMs - windowMs, reportMs - windowMs, now - maxAgeMs),
      });
      const decision = decide({
        identity,
        presences,
        sources: settings["patient-sources"],
        nowMs: now,
        reportMs,
        visitDate: report.visit_date ?? null,
        visitStartMs,
        officeDate: (ms) => time.date(ms),
        maxAgeMs,
        chairBinding: settings["chair-binding"],
        windowMs,
        review: settings.review,
      });
      this.audit(id, decision, doctor.id, identity.kind);
      if (decision.action === "write")
        return bound(decision.patNum, doctor.mapping.provider, decision.source, decision.rule);
      return { outcome: "held", reason: holdReason(decision.code, holdDetail(decision)), target: holdTarget(decision) };
    } catch (error) {
      const outcome = failureOutcome(error, id, service.audit, "bind");
      if (outcome) return outcome;
      throw error;
    }
  }

  async write(report: ReportReadyData, target: TargetRef): Promise<Written | Held | Failed> {
    const office = this.service.currentOffice();
    if (!office) return { outcome: "held", reason: holdReason(HoldCode.NOT_CONFIGURED) };
    const { PatNum, ProvNum, source, rule } = target.ids;
    if (target.system !== "opendental" || typeof PatNum !== "number" || typeof ProvNum !== "number") {
      return {
        outcome: "failed",
        reason: "the report was bound to something other than an Open Dental patient",
        retryable: false,
      };
    }
    const settings = this.service.currentSettings();
    const deps = {
      office,
      ledger: this.service.ledger,
      audit: this.service.audit,
      clock: this.clock,
      fetch: this.fetchDocx,
    };
    const job = {
      reportId: report.report_id,
      patNum: PatNum,
      provNum: ProvNum,
      plaintext: report.plaintext_report,
      docxUrl: report.url,
      noteCode: settings["note-code"],
      signed: settings.signed,
      attachDocx: settings["attach-docx"],
    };
    const pinned = this.service.ledger.get(report.report_id);
    return writeReport(deps, job, pinned?.kind ?? settings["write-as"], {
      source: String(source ?? ""),
      rule: String(rule ?? ""),
    });
  }

  /** The mapping for this agent's doctor; without a known doctor, the one mapping if there is only one. */
  private doctor(settings: OpenDentalSettings): { id: string; mapping: DoctorMapping } | null {
    const known = this.doctorId();
    const entries = Object.entries(settings.doctors);
    if (known !== null) {
      const mapping = settings.doctors[known];
      return mapping ? { id: known, mapping } : null;
    }
    const [only] = entries;
    return only && entries.length === 1 ? { id: only[0], mapping: only[1] } : null;
  }

  private audit(reportId: string, d: Decision, doctor: string, identity: string): void {
    this.service.audit.record({
      reportId,
      decision: d.action,
      code: d.action === "hold" ? d.code : null,
      patNum: d.patNum ?? null,
      source: d.action === "write" ? d.source : (d.proposed?.source ?? null),
      place: d.action === "write" ? d.place : (d.proposed?.place ?? null),
      rule: d.rule,
      detail: { doctor, identity, proposed: d.action === "hold" ? (d.proposed?.patNum ?? null) : null },
    });
  }
}

function bound(patNum: number, provNum: number, source: string, rule: string): Bound {
  return {
    outcome: "bound",
    target: { system: "opendental", ids: { PatNum: patNum, ProvNum: provNum, source, rule } },
  };
}

function holdDetail(d: Extract<Decision, { action: "hold" }>): string {
  const parts = [];
  if (d.patNum !== undefined) parts.push(`the report names PatNum ${d.patNum}`);
  if (d.proposed) parts.push(`in the chair: PatNum ${d.proposed.patNum} (${d.proposed.source}, ${d.proposed.place})`);
  return parts.join("; ");
}

function holdTarget(d: Extract<Decision, { action: "hold" }>): TargetRef {
  const ids: Record<string, string | number> = { hold: d.code, rule: d.rule };
  if (d.patNum !== undefined) ids.PatNum = d.patNum;
  if (d.proposed) {
    ids.proposedPatNum = d.proposed.patNum;
    ids.source = d.proposed.source;
    ids.place = d.proposed.place;
  }
  return { system: "opendental", ids };
}
