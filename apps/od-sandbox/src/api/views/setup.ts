import { DefCat } from "../../defcat.ts";
import { enumText, ProviderStatus, SubstitutionCondition, ToothPaintingType, TreatmentArea } from "../../enums.ts";
import { odBool, odColor, odDate, odDateTime } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

/*
 * The office's setup tables as the API returns them: providers [S37], operatories [S38],
 * definitions [S39], preferences [S43] and procedure codes [S29].
 */

/** A provider; `provColor` is its colour as "R,G,B" text, as recorded from the real API. */
export function providerView(p: RowOf<"provider">, serverDateTime: string): Record<string, unknown> {
  return {
    ProvNum: p.ProvNum,
    Abbr: p.Abbr,
    LName: p.LName,
    FName: p.FName,
    MI: p.MI,
    Suffix: p.Suffix,
    FeeSched: p.FeeSched,
    Specialty: p.Specialty,
    SSN: p.SSN,
    StateLicense: p.StateLicense,
    IsSecondary: odBool(p.IsSecondary),
    provColor: odColor(p.ProvColor),
    IsHidden: odBool(p.IsHidden),
    UsingTIN: odBool(p.UsingTIN),
    SigOnFile: odBool(p.SigOnFile),
    NationalProvID: p.NationalProvID,
    DateTStamp: odDateTime(p.DateTStamp),
    IsNotPerson: odBool(p.IsNotPerson),
    ProvStatus: enumText(ProviderStatus, p.ProvStatus),
    IsHiddenReport: odBool(p.IsHiddenReport),
    Birthdate: odDate(p.Birthdate),
    SchedNote: p.SchedNote,
    PreferredName: p.PreferredName,
    serverDateTime,
  };
}

/** An operatory; `operatoryType` is the ItemName of its OperatoryTypes definition. */
export function operatoryView(o: RowOf<"operatory">, lookups: Lookups): Record<string, unknown> {
  return {
    OperatoryNum: o.OperatoryNum,
    OpName: o.OpName,
    Abbrev: o.Abbrev,
    ItemOrder: o.ItemOrder,
    IsHidden: odBool(o.IsHidden),
    ProvDentist: o.ProvDentist,
    ProvHygienist: o.ProvHygienist,
    IsHygiene: odBool(o.IsHygiene),
    ClinicNum: o.ClinicNum,
    SetProspective: odBool(o.SetProspective),
    IsWebSched: odBool(o.IsWebSched),
    OperatoryType: o.OperatoryType,
    operatoryType: lookups.defName(o.OperatoryType),
  };
}

/** A definition, with its category as number and name. */
export function definitionView(d: RowOf<"definition">): Record<string, unknown> {
  return {
    DefNum: d.DefNum,
    ItemName: d.ItemName,
    ItemValue: d.ItemValue,
    Category: d.Category,
    category: enumText(DefCat, d.Category),
    isHidden: odBool(d.IsHidden),
  };
}

/** A preference. */
export function preferenceView(p: RowOf<"preference">): Record<string, unknown> {
  return { PrefNum: p.PrefNum, PrefName: p.PrefName, ValueString: p.ValueString };
}

/** A procedure code, with the fields and order of ProcedureCodes GET's documented example [S29]. */
export function procedureCodeView(p: RowOf<"procedurecode">, lookups: Lookups): Record<string, unknown> {
  return {
    CodeNum: p.CodeNum,
    ProcCode: p.ProcCode,
    Descript: p.Descript,
    AbbrDesc: p.AbbrDesc,
    ProcTime: p.ProcTime,
    ProcCat: p.ProcCat,
    procCat: lookups.defName(p.ProcCat),
    TreatArea: enumText(TreatmentArea, p.TreatArea),
    NoBillIns: odBool(p.NoBillIns),
    IsProsth: odBool(p.IsProsth),
    DefaultNote: p.DefaultNote,
    IsHygiene: odBool(p.IsHygiene),
    AlternateCode1: p.AlternateCode1,
    MedicalCode: p.MedicalCode,
    IsTaxed: odBool(p.IsTaxed),
    PaintType: enumText(ToothPaintingType, p.PaintType),
    LaymanTerm: p.LaymanTerm,
    IsCanadianLab: odBool(p.IsCanadianLab),
    BaseUnits: p.BaseUnits,
    SubstitutionCode: p.SubstitutionCode,
    SubstOnlyIf: enumText(SubstitutionCondition, p.SubstOnlyIf),
    DateTStamp: odDateTime(p.DateTStamp),
    DrugNDC: p.DrugNDC,
    RevenueCodeDefault: p.RevenueCodeDefault,
    ProvNumDefault: p.ProvNumDefault,
    CanadaTimeUnits: p.CanadaTimeUnits,
    IsRadiology: odBool(p.IsRadiology),
    DefaultClaimNote: p.DefaultClaimNote,
    DefaultTPNote: p.DefaultTPNote,
    PaintText: p.PaintText,
    AreaAlsoToothRange: odBool(p.AreaAlsoToothRange),
    DiagnosticCodes: p.DiagnosticCodes,
  };
}

/** A workstation: Computers GET [S48]. LastHeartBeat says whether Open Dental runs there now. */
export function computerView(c: RowOf<"computer">): Record<string, unknown> {
  return { ComputerNum: c.ComputerNum, CompName: c.CompName, LastHeartBeat: odDateTime(c.LastHeartBeat) };
}
