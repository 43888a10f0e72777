import { datetime, int, table, text } from "../columns.ts";

/* Appointments and the definitions and preferences that describe them: Open Dental's tables [S30]; see ../tables.ts. */

export const appointment = table({
  name: "appointment",
  key: "AptNum",
  indexes: ["AptDateTime", "PatNum"],
  columns: {
    AptNum: int(),
    PatNum: int(),
    AptStatus: int("tinyint"),
    Pattern: text(),
    Confirmed: int(),
    TimeLocked: int("tinyint(1)"),
    Op: int(),
    Note: text("text"),
    ProvNum: int(),
    ProvHyg: int(),
    AptDateTime: datetime(),
    NextAptNum: int(),
    UnschedStatus: int(),
    IsNewPatient: int("tinyint"),
    ProcDescript: text("text"),
    ClinicNum: int(),
    IsHygiene: int("tinyint"),
    DateTStamp: datetime(),
    DateTimeArrived: datetime(),
    DateTimeSeated: datetime(),
    DateTimeDismissed: datetime(),
    InsPlan1: int(),
    InsPlan2: int(),
    DateTimeAskedToArrive: datetime(),
    ColorOverride: int("int(11)"),
    AppointmentTypeNum: int(),
    SecUserNumEntry: int(),
    SecDateTEntry: datetime(),
    Priority: int("tinyint(4)"),
    PatternSecondary: text(),
    ItemOrderPlanned: int("int(11)"),
  },
});

export const definition = table({
  name: "definition",
  key: "DefNum",
  indexes: ["Category"],
  columns: {
    DefNum: int(),
    Category: int("tinyint"),
    ItemOrder: int("smallint"),
    ItemName: text(),
    ItemValue: text(),
    ItemColor: int("int(11)"),
    IsHidden: int("tinyint"),
  },
});

export const preference = table({
  name: "preference",
  key: "PrefNum",
  indexes: ["PrefName"],
  columns: { PrefNum: int(), PrefName: text(), ValueString: text("text"), Comments: text("text") },
});
