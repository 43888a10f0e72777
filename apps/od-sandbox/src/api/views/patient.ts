import { ContactMethod, enumText, PatientGender, PatientPosition, PatientStatus, YN } from "../../enums.ts";
import { odBool, odDate, odDateTime } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

type Patient = RowOf<"patient">;

/**
 * A patient as `GET /patients/{PatNum}` returns it, fields in the documented order [S8]. The
 * sandbox has no clinics or sites, so `clinicAbbr` and `siteDesc` are empty.
 * `BillingType` is the name of its BillingTypes definition (Category 4), as recorded from the real API.
 */
export function patientView(p: Patient, lookups: Lookups): Record<string, unknown> {
  return {
    PatNum: p.PatNum,
    LName: p.LName,
    FName: p.FName,
    MiddleI: p.MiddleI,
    Preferred: p.Preferred,
    PatStatus: enumText(PatientStatus, p.PatStatus),
    Gender: enumText(PatientGender, p.Gender),
    Position: enumText(PatientPosition, p.Position),
    Birthdate: odDate(p.Birthdate),
    SSN: p.SSN,
    Address: p.Address,
    Address2: p.Address2,
    City: p.City,
    State: p.State,
    Zip: p.Zip,
    HmPhone: p.HmPhone,
    WkPhone: p.WkPhone,
    WirelessPhone: p.WirelessPhone,
    Guarantor: p.Guarantor,
    Email: p.Email,
    EstBalance: p.EstBalance,
    PriProv: p.PriProv,
    priProvAbbr: lookups.provAbbr(p.PriProv),
    SecProv: p.SecProv,
    secProvAbbr: lookups.provAbbr(p.SecProv),
    FeeSched: p.FeeSched,
    BillingType: lookups.defName(p.BillingType),
    ImageFolder: p.ImageFolder,
    FamFinUrgNote: p.FamFinUrgNote,
    ChartNumber: p.ChartNumber,
    MedicaidID: p.MedicaidID,
    BalTotal: p.BalTotal,
    EmployerNum: p.EmployerNum,
    DateFirstVisit: odDate(p.DateFirstVisit),
    ClinicNum: p.ClinicNum,
    clinicAbbr: "",
    Premed: odBool(p.Premed),
    Ward: p.Ward,
    PreferConfirmMethod: enumText(ContactMethod, p.PreferConfirmMethod),
    PreferContactMethod: enumText(ContactMethod, p.PreferContactMethod),
    PreferRecallMethod: enumText(ContactMethod, p.PreferRecallMethod),
    Language: p.Language,
    AdmitDate: odDate(p.AdmitDate),
    siteDesc: "",
    DateTStamp: odDateTime(p.DateTStamp),
    SuperFamily: p.SuperFamily,
    TxtMsgOk: enumText(YN, p.TxtMsgOk),
    SecDateEntry: odDate(p.SecDateEntry),
  };
}

/** The reduced patient `GET /patients` (the Patient Select search) returns [S8]. */
export function patientListView(p: Patient, lookups: Lookups): Record<string, unknown> {
  return {
    PatNum: p.PatNum,
    LName: p.LName,
    FName: p.FName,
    MiddleI: p.MiddleI,
    Preferred: p.Preferred,
    PatStatus: enumText(PatientStatus, p.PatStatus),
    Birthdate: odDate(p.Birthdate),
    SSN: p.SSN,
    Address: p.Address,
    Address2: p.Address2,
    City: p.City,
    State: p.State,
    Zip: p.Zip,
    HmPhone: p.HmPhone,
    WkPhone: p.WkPhone,
    WirelessPhone: p.WirelessPhone,
    Email: p.Email,
    priProvAbbr: lookups.provAbbr(p.PriProv),
    secProvAbbr: lookups.provAbbr(p.SecProv),
    BillingType: lookups.defName(p.BillingType),
    ChartNumber: p.ChartNumber,
    ClinicNum: p.ClinicNum,
    clinicAbbr: "",
    siteDesc: "",
    TxtMsgOk: enumText(YN, p.TxtMsgOk),
  };
}

/**
 * The patient a `PatientSelected` UI event carries, with the fields of the documented example
 * [S9: apievents.html]: fewer than Patients GET (no FeeSched, FamFinUrgNote, EmployerNum, Premed,
 * Ward, AdmitDate, SuperFamily), and `ClinicNum` as text.
 */
export function patientSelectedView(p: Patient, lookups: Lookups): Record<string, unknown> {
  const full = patientView(p, lookups);
  const omitted = ["FeeSched", "FamFinUrgNote", "EmployerNum", "Premed", "Ward", "AdmitDate", "SuperFamily"];
  for (const name of omitted) delete full[name];
  return { ...full, ClinicNum: String(p.ClinicNum) };
}
