import { enumText, PlaceOfService, ProcStat } from "../../enums.ts";
import { odBool, odDate, odDateTime, odMoney } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

/**
 * A procedure as `GET /procedurelogs/{ProcNum}` returns it, fields in the documented order [S7].
 * `procCode` and `descript` come from its procedure code; `ProcFee` is text with two decimals and
 * `PlaceService` its enum name, as the documented examples show.
 */
export function procedureView(
  p: RowOf<"procedurelog">,
  code: RowOf<"procedurecode"> | undefined,
  lookups: Lookups,
  serverDateTime: string,
) {
  return {
    ProcNum: p.ProcNum,
    PatNum: p.PatNum,
    AptNum: p.AptNum,
    ProcDate: odDate(p.ProcDate),
    ProcFee: odMoney(p.ProcFee),
    Surf: p.Surf,
    ToothNum: p.ToothNum,
    ToothRange: p.ToothRange,
    Priority: p.Priority,
    priority: lookups.defName(p.Priority),
    ProcStatus: enumText(ProcStat, p.ProcStatus),
    ProvNum: p.ProvNum,
    provAbbr: lookups.provAbbr(p.ProvNum),
    Dx: p.Dx,
    dxName: lookups.defName(p.Dx),
    PlannedAptNum: p.PlannedAptNum,
    PlaceService: enumText(PlaceOfService, p.PlaceService),
    Prosthesis: p.Prosthesis,
    DateOriginalProsth: odDate(p.DateOriginalProsth),
    ClaimNote: p.ClaimNote,
    DateEntryC: odDate(p.DateEntryC),
    ClinicNum: p.ClinicNum,
    CodeNum: p.CodeNum,
    procCode: code?.ProcCode ?? "",
    descript: code?.Descript ?? "",
    UnitQty: p.UnitQty,
    BaseUnits: p.BaseUnits,
    DateTP: odDate(p.DateTP),
    SiteNum: p.SiteNum,
    HideGraphics: odBool(p.HideGraphics),
    CanadianTypeCodes: p.CanadianTypeCodes,
    ProcTime: p.ProcTime,
    ProcTimeEnd: p.ProcTimeEnd,
    DateTStamp: odDateTime(p.DateTStamp),
    Prognosis: p.Prognosis,
    IsLocked: odBool(p.IsLocked),
    BillingNote: p.BillingNote,
    Discount: p.Discount,
    IsDateProsthEst: odBool(p.IsDateProsthEst),
    SecDateEntry: odDateTime(p.SecDateEntry),
    serverDateTime,
  };
}

/**
 * A procnote as ProcNotes GET/POST return it [S6]. `Signature` itself is never returned;
 * `isSigned` is derived from whether there is one.
 */
export function procNoteView(n: RowOf<"procnote">) {
  return {
    ProcNoteNum: n.ProcNoteNum,
    PatNum: n.PatNum,
    ProcNum: n.ProcNum,
    EntryDateTime: odDateTime(n.EntryDateTime),
    UserNum: n.UserNum,
    Note: n.Note,
    SigIsTopaz: odBool(n.SigIsTopaz),
    isSigned: odBool(n.Signature === "" ? 0 : 1),
  };
}
