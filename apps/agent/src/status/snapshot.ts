import { z } from "zod";
import type { StatusBoard } from "../connection/status-board.ts";
import type { Journal } from "../journal/journal.ts";
import { ReportState } from "../journal/states.ts";
import { OdStatus } from "../opendental/status.ts";

const Iso = z.string().max(40).nullable();

/** `GET /api/status`: what `sofia-agent status` and the status page show. Metadata only. */
export const StatusSnapshot = z.object({
  version: z.string().max(64),
  pid: z.number().int(),
  started_at: z.string().max(40),
  sink: z.string().max(64),
  connection: z.object({
    state: z.string().max(32),
    protocol: z.enum(["v1", "v2"]).nullable(),
    endpoint: z.string().max(2048).nullable(),
    endpoints: z.array(z.string().max(2048)).max(10),
    credential_id: z.string().max(64).nullable(),
    connected_since: Iso,
    last_heard_at: Iso,
    problem: z.string().max(4000).nullable(),
    settings_problem: z.string().max(4000).nullable(),
    retry_at: Iso,
    doctor_id: z.string().max(128).nullable(),
    clinic_id: z.string().max(128).nullable(),
  }),
  journal: z.record(z.enum([...ReportState.options, "duplicates"]), z.number().int()),
  recent: z
    .array(
      z.object({
        report_id: z.string().max(128),
        state: ReportState,
        event: z.string().max(32),
        received_at: z.string().max(40),
        updated_at: z.string().max(40),
        reason: z.string().max(2000).nullable(),
        attempts: z.number().int(),
        duplicates: z.number().int(),
      }),
    )
    .max(200),
  /** Open Dental: endpoint in use, version, gated features, mappings, current patient per workstation. */
  opendental: OdStatus.nullable().optional(),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshot>;

/** What the snapshot says beyond the board and the journal. */
export interface StatusMeta {
  version: string;
  startedAt: string;
  sink: string;
  /** The Open Dental part, when the agent runs the Open Dental writer. */
  openDental?: () => OdStatus;
}

/** Builds the snapshot from the live board and the journal. */
export function snapshot(board: StatusBoard, journal: Journal, meta: StatusMeta) {
  const s = board.status;
  const result: StatusSnapshot = {
    version: meta.version,
    pid: process.pid,
    started_at: meta.startedAt,
    sink: meta.sink,
    connection: {
      state: s.state,
      protocol: s.protocol,
      endpoint: s.endpoint,
      endpoints: s.endpoints,
      credential_id: s.credentialId,
      connected_since: s.connectedSince,
      last_heard_at: s.lastHeardAt,
      problem: s.problem,
      settings_problem: s.settingsProblem,
      retry_at: s.retryAt,
      doctor_id: s.doctorId,
      clinic_id: s.clinicId,
    },
    journal: journal.counts(),
    recent: journal.recent(50).map((e) => ({
      report_id: e.reportId,
      state: e.state,
      event: e.event,
      received_at: e.receivedAt,
      updated_at: e.updatedAt,
      reason: e.reason,
      attempts: e.attempts,
      duplicates: e.duplicates,
    })),
    opendental: meta.openDental?.() ?? null,
  };
  return result;
}
