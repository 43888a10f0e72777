import { datetime, int, table, text } from "../columns.ts";

/* Communication logs, documents, API subscriptions and keys: Open Dental's tables [S30]; see ../tables.ts. */

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

/** Workstations running Open Dental; each records a heartbeat every 3 minutes [S48][S31: Computer.cs]. */
export const computer = table({
  name: "computer",
  key: "ComputerNum",
  columns: {
    ComputerNum: int(),
    CompName: text("varchar(100)"),
    LastHeartBeat: datetime(),
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
