import { date, datetime, float, int, type RowFor, table, text, time } from "./columns.ts";

/*
 * Open Dental's tables as the v25.3 schema names them [S30], with the columns the sandbox serves
 * (a subset of each table; every name and MySQL type is Open Dental's). `DateTStamp` is declared
 * `datetime` rather than MySQL's auto-updating `timestamp`: the store stamps it from the injected
 * office clock on every insert and update, which is what MySQL would do, but testable.
 */

export const patient = table({
  name: "patient",
  key: "PatNum",
  indexes: ["LName", "Birthdate"],
  columns: {
    PatNum: int(),
    LName: text("varchar(100)"),
    FName: text("varchar(100)"),
    MiddleI: text("varchar(100)"),
    Preferred: text("varchar(100)"),
    PatStatus: int("tinyint"),
    Gender: int("tinyint"),
    Position: int("tinyint"),
    Birthdate: date(),
    SSN: text("varchar(100)"),
    Address: text("varchar(100)"),
    Address2: text("varchar(100)"),
    City: text("varchar(100)"),
    State: text("varchar(100)"),
    Zip: text("varchar(100)"),
    HmPhone: text("varchar(30)"),
    WkPhone: text("varchar(30)"),
    WirelessPhone: text("varchar(30)"),
    Guarantor: int(),
    Email: text("varchar(100)"),
    EstBalance: float(),
    PriProv: int(),
    SecProv: int(),
    FeeSched: int(),
    BillingType: int(),
    ImageFolder: text("varchar(100)"),
    FamFinUrgNote: text("text"),
    ChartNumber: text("varchar(100)"),
    MedicaidID: text("varchar(20)"),
    BalTotal: float(),
    EmployerNum: int(),
    DateFirstVisit: date(),
    ClinicNum: int(),
    Premed: int("tinyint"),
    Ward: text(),
    PreferConfirmMethod: int("tinyint"),
    PreferContactMethod: int("tinyint"),
    PreferRecallMethod: int("tinyint"),
    Language: text("varchar(100)"),
    AdmitDate: date(),
    SiteNum: int(),
    DateTStamp: datetime(),
    SuperFamily: int(),
    TxtMsgOk: int("tinyint(4)"),
    Country: text(),
    SecDateEntry: date(),
  },
});

export const provider = table({
  name: "provider",
  key: "ProvNum",
  columns: {
    ProvNum: int(),
    Abbr: text(),
    ItemOrder: int("smallint"),
    LName: text("varchar(100)"),
    FName: text("varchar(100)"),
    MI: text("varchar(100)"),
    Suffix: text("varchar(100)"),
    FeeSched: int(),
    Specialty: int(),
    SSN: text("varchar(12)"),
    StateLicense: text("varchar(15)"),
    IsSecondary: int("tinyint"),
    ProvColor: int("int(11)"),
    IsHidden: int("tinyint"),
    UsingTIN: int("tinyint"),
    SigOnFile: int("tinyint"),
    NationalProvID: text(),
    DateTStamp: datetime(),
    IsNotPerson: int("tinyint(4)"),
    ProvStatus: int("tinyint(4)"),
    IsHiddenReport: int("tinyint(4)"),
    Birthdate: date(),
    SchedNote: text(),
    PreferredName: text("varchar(100)"),
  },
});

export const operatory = table({
  name: "operatory",
  key: "OperatoryNum",
  columns: {
    OperatoryNum: int(),
    OpName: text(),
    Abbrev: text(),
    ItemOrder: int("smallint"),
    IsHidden: int("tinyint"),
    ProvDentist: int(),
    ProvHygienist: int(),
    IsHygiene: int("tinyint"),
    ClinicNum: int(),
    DateTStamp: datetime(),
    SetProspective: int("tinyint(4)"),
    IsWebSched: int("tinyint(4)"),
    OperatoryType: int(),
  },
});

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

export const procedurecode = table({
  name: "procedurecode",
  key: "CodeNum",
  indexes: ["ProcCode"],
  columns: {
    CodeNum: int(),
    ProcCode: text("varchar(15)"),
    Descript: text(),
    AbbrDesc: text("varchar(50)"),
    ProcTime: text("varchar(24)"),
    ProcCat: int(),
    TreatArea: int("tinyint"),
    NoBillIns: int("tinyint"),
    IsProsth: int("tinyint"),
    DefaultNote: text("text"),
    IsHygiene: int("tinyint"),
    LaymanTerm: text(),
    BaseUnits: int("int(11)"),
    DateTStamp: datetime(),
    ProvNumDefault: int(),
  },
});

export const procedurelog = table({
  name: "procedurelog",
  key: "ProcNum",
  indexes: ["PatNum", "AptNum"],
  columns: {
    ProcNum: int(),
    PatNum: int(),
    AptNum: int(),
    ProcDate: date(),
    ProcFee: float(),
    Surf: text("varchar(10)"),
    ToothNum: text("varchar(2)"),
    ToothRange: text("varchar(100)"),
    Priority: int(),
    ProcStatus: int("tinyint"),
    ProvNum: int(),
    Dx: int(),
    PlannedAptNum: int(),
    PlaceService: int("tinyint"),
    Prosthesis: text("char(1)"),
    DateOriginalProsth: date(),
    ClaimNote: text("varchar(80)"),
    DateEntryC: date(),
    ClinicNum: int(),
    CodeNum: int(),
    UnitQty: int("int(11)"),
    BaseUnits: int("int(11)"),
    DateTP: date(),
    SiteNum: int(),
    HideGraphics: int("tinyint(4)"),
    CanadianTypeCodes: text("varchar(20)"),
    ProcTime: time(),
    ProcTimeEnd: time(),
    DateTStamp: datetime(),
    Prognosis: int(),
    IsLocked: int("tinyint(4)"),
    BillingNote: text(),
    Discount: float(),
    IsDateProsthEst: int("tinyint(4)"),
    SecDateEntry: datetime(),
  },
});

export const procnote = table({
  name: "procnote",
  key: "ProcNoteNum",
  indexes: ["ProcNum", "PatNum"],
  columns: {
    ProcNoteNum: int(),
    PatNum: int(),
    ProcNum: int(),
    EntryDateTime: datetime(),
    UserNum: int(),
    Note: text("text"),
    SigIsTopaz: int("tinyint"),
    Signature: text("text"),
  },
});

export const commlog = table({
  name: "commlog",
  key: "CommlogNum",
  indexes: ["PatNum"],
  columns: {
    CommlogNum: int(),
    PatNum: int(),
    CommDateTime: datetime(),
    CommType: int(),
    Note: text("text"),
    Mode_: int("tinyint"),
    SentOrReceived: int("tinyint"),
    UserNum: int(),
    Signature: text("text"),
    SigIsTopaz: int("tinyint(4)"),
    DateTStamp: datetime(),
    CommSource: int("tinyint(4)"),
    ProgramNum: int(),
    DateTEntry: datetime(),
    ReferralNum: int(),
  },
});

export const document = table({
  name: "document",
  key: "DocNum",
  indexes: ["PatNum"],
  columns: {
    DocNum: int(),
    Description: text(),
    DateCreated: datetime(),
    DocCategory: int(),
    PatNum: int(),
    FileName: text(),
    ImgType: int("tinyint"),
    ToothNumbers: text(),
    Note: text("mediumtext"),
    DateTStamp: datetime(),
    ProvNum: int(),
    PrintHeading: int("tinyint(4)"),
  },
});

export const apisubscription = table({
  name: "apisubscription",
  key: "ApiSubscriptionNum",
  columns: {
    ApiSubscriptionNum: int(),
    EndPointUrl: text(),
    Workstation: text(),
    CustomerKey: text(),
    WatchTable: text(),
    PollingSeconds: int("int(11)"),
    UiEventType: text(),
    DateTimeStart: datetime(),
    DateTimeStop: datetime(),
    Note: text(),
  },
});

/**
 * `apikey` is Open Dental's office copy of its API keys (APIKeyNum, CustApiKey, DevName). Open
 * Dental checks the developer key and the permissions at its HQ, which the sandbox does not have,
 * so three sandbox-only columns hold them: DevApiKey, ApiPermissions ("all" | "read"), IsEnabled.
 */
export const apikey = table({
  name: "apikey",
  key: "APIKeyNum",
  columns: {
    APIKeyNum: int(),
    CustApiKey: text(),
    DevName: text(),
    DevApiKey: text(),
    ApiPermissions: text("varchar(16)"),
    IsEnabled: int("tinyint"),
  },
});

/** Every table the sandbox keeps, by its Open Dental name. */
export const tables = {
  patient,
  provider,
  operatory,
  appointment,
  definition,
  preference,
  procedurecode,
  procedurelog,
  procnote,
  commlog,
  document,
  apisubscription,
  apikey,
} as const;

export type Tables = typeof tables;
export type TableName = keyof Tables;
/** The decoded row of table `T`. */
export type RowOf<T extends TableName> = RowFor<Tables[T]>;
