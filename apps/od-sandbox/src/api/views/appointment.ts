import { ApptPriority, AptStatus, enumText } from "../../enums.ts";
import { odBool, odColor, odDateTime } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

/**
 * An appointment as `GET /appointments` returns it, fields in the documented order [S9]:
 * `Confirmed` is a DefNum (Category 2) and `confirmed` its ItemName; unset times are
 * `0001-01-01 00:00:00`; `colorOverride` is "R,G,B" text and `Priority` its enum text, as the
 * documented examples show.
 */
export function appointmentView(a: RowOf<"appointment">, lookups: Lookups, serverDateTime: string) {
  return {
    serverDateTime,
    AptNum: a.AptNum,
    PatNum: a.PatNum,
    AptStatus: enumText(AptStatus, a.AptStatus),
    Pattern: a.Pattern,
    Confirmed: a.Confirmed,
    confirmed: lookups.defName(a.Confirmed),
    TimeLocked: odBool(a.TimeLocked),
    Op: a.Op,
    Note: a.Note,
    ProvNum: a.ProvNum,
    provAbbr: lookups.provAbbr(a.ProvNum),
    ProvHyg: a.ProvHyg,
    AptDateTime: odDateTime(a.AptDateTime),
    NextAptNum: a.NextAptNum,
    UnschedStatus: a.UnschedStatus,
    unschedStatus: lookups.defName(a.UnschedStatus),
    IsNewPatient: odBool(a.IsNewPatient),
    ProcDescript: a.ProcDescript,
    ClinicNum: a.ClinicNum,
    IsHygiene: odBool(a.IsHygiene),
    DateTStamp: odDateTime(a.DateTStamp),
    DateTimeArrived: odDateTime(a.DateTimeArrived),
    DateTimeSeated: odDateTime(a.DateTimeSeated),
    DateTimeDismissed: odDateTime(a.DateTimeDismissed),
    InsPlan1: a.InsPlan1,
    InsPlan2: a.InsPlan2,
    DateTimeAskedToArrive: odDateTime(a.DateTimeAskedToArrive),
    colorOverride: odColor(a.ColorOverride),
    AppointmentTypeNum: a.AppointmentTypeNum,
    SecUserNumEntry: a.SecUserNumEntry,
    SecDateTEntry: odDateTime(a.SecDateTEntry),
    Priority: enumText(ApptPriority, a.Priority),
    PatternSecondary: a.PatternSecondary,
    ItemOrderPlanned: a.ItemOrderPlanned,
  };
}
