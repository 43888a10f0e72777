import { type EndpointConfig, isOdError, type OdComputer, OdErrorCode } from "@sofia/opendental";
import type { Office } from "../office.ts";
import { wallMs } from "../office-time.ts";

/** A workstation whose Open Dental stamped a heartbeat this recently is running (it stamps every 3 minutes). */
const RUNNING_MS = 10 * 60_000;

/** What `opendental connect` and the setup page show of an office: all read with read-only calls. */
export interface OfficeSurvey {
  version: string | null;
  endpoint: EndpointConfig | null;
  features: Record<string, string>;
  providers: { ProvNum: number; Abbr: string; name: string; hygienist: boolean }[];
  operatories: { OperatoryNum: number; Abbrev: string; OpName: string; dentist: number; hygienist: number }[];
  /** Null when the office's Open Dental is older than 23.1.30 and cannot list them. */
  workstations: { name: string; last_heartbeat: string | null; running: boolean }[] | null;
  note_code: { ProcCode: string; CodeNum: number; Descript: string } | null;
  seated_status: string | null;
  dismissed_status: string | null;
}

/**
 * Reads the office as the next setup step needs it — version and features, active providers,
 * visible operatories, workstations, the note's procedure code, the seated and dismissed statuses.
 * Only GETs: safe to run at any time, and it proves the keys work. Open Dental failures are thrown
 * as they come (callers put them in words).
 */
export async function surveyOffice(office: Office, noteCode: string): Promise<OfficeSurvey> {
  const features = await office.client.features({ refresh: true });
  const providers = await office.client.setup.providers();
  const operatories = await office.client.setup.operatories();
  const computers = await office.client.setup.computers().catch((error: unknown) => {
    if (isOdError(error, OdErrorCode.VERSION_TOO_OLD)) return null;
    throw error;
  });
  const code = await office.noteCode(noteCode);
  const confirmation = await office.confirmationSetup();
  const serverTime = await office.client.setup.serverTime();
  const now = serverTime === null ? null : wallMs(serverTime);
  const running = (c: OdComputer) => {
    const beat = c.LastHeartBeat === null ? null : wallMs(c.LastHeartBeat);
    return now !== null && beat !== null && now - beat <= RUNNING_MS;
  };
  const defName = (n: number) => confirmation.statuses.find((d) => d.DefNum === n)?.ItemName ?? null;
  return {
    version: features.version,
    endpoint: office.client.status().active,
    features: features.features,
    providers: providers
      .filter((p) => !p.IsHidden && p.ProvStatus !== "Deleted")
      .map((p) => ({
        ProvNum: p.ProvNum,
        Abbr: p.Abbr,
        name: [p.FName, p.LName, p.Suffix].filter(Boolean).join(" "),
        hygienist: p.IsSecondary,
      })),
    operatories: operatories
      .filter((o) => !o.IsHidden)
      .map((o) => ({
        OperatoryNum: o.OperatoryNum,
        Abbrev: o.Abbrev,
        OpName: o.OpName,
        dentist: o.ProvDentist,
        hygienist: o.ProvHygienist,
      })),
    workstations:
      computers?.map((c) => ({ name: c.CompName, last_heartbeat: c.LastHeartBeat, running: running(c) })) ?? null,
    note_code: code ? { ProcCode: code.ProcCode, CodeNum: code.CodeNum, Descript: code.Descript } : null,
    seated_status: defName(confirmation.seated),
    dismissed_status: defName(confirmation.dismissed),
  };
}
