import { CommItemMode, CommItemSource, CommSentOrReceived, enumText, ImageType } from "../../enums.ts";
import { odBool, odDateTime } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

/**
 * A commlog [S17]; `commType` is its CommLogTypes definition's ItemName, and `CommType` the
 * DefNum as text ("239"), as every documented example sends it.
 */
export function commlogView(c: RowOf<"commlog">, lookups: Lookups) {
  return {
    CommlogNum: c.CommlogNum,
    PatNum: c.PatNum,
    CommDateTime: odDateTime(c.CommDateTime),
    CommType: String(c.CommType),
    commType: lookups.defName(c.CommType),
    Note: c.Note,
    Mode_: enumText(CommItemMode, c.Mode_),
    SentOrReceived: enumText(CommSentOrReceived, c.SentOrReceived),
    UserNum: c.UserNum,
    DateTStamp: odDateTime(c.DateTStamp),
    CommSource: enumText(CommItemSource, c.CommSource),
    ProgramNum: c.ProgramNum,
    DateTEntry: odDateTime(c.DateTEntry),
    ReferralNum: c.ReferralNum,
  };
}

/** A document's metadata as Documents POST Upload returns it [S18]; the file itself never. */
export function documentView(d: RowOf<"document">, lookups: Lookups) {
  return {
    DocNum: d.DocNum,
    Description: d.Description,
    DateCreated: odDateTime(d.DateCreated),
    DocCategory: d.DocCategory,
    docCategory: lookups.defName(d.DocCategory),
    PatNum: d.PatNum,
    FileName: d.FileName,
    ImgType: enumText(ImageType, d.ImgType),
    ToothNumbers: d.ToothNumbers,
    DateTStamp: odDateTime(d.DateTStamp),
    ProvNum: d.ProvNum,
    PrintHeading: odBool(d.PrintHeading),
  };
}

/**
 * A document in Documents GET (multiple), in that example's shape [S18]: `MountNum` (0 for a
 * document), `filePath`, `Note`, and `PatNum` and `ProvNum` as text. The sandbox keeps no image
 * folder, so `filePath` is empty, as Open Dental sends for documents stored in the database.
 * Inferred: `Note` as stored, so an upload not yet opened by a user shows its `_rawBase64_:` text.
 */
export function documentListView(d: RowOf<"document">, lookups: Lookups, serverDateTime: string) {
  return {
    DocNum: d.DocNum,
    MountNum: 0,
    filePath: "",
    Description: d.Description,
    PatNum: String(d.PatNum),
    Note: d.Note,
    DateCreated: odDateTime(d.DateCreated),
    docCategory: lookups.defName(d.DocCategory),
    DocCategory: d.DocCategory,
    ToothNumbers: d.ToothNumbers,
    ProvNum: String(d.ProvNum),
    PrintHeading: odBool(d.PrintHeading),
    DateTStamp: odDateTime(d.DateTStamp),
    serverDateTime,
  };
}

/**
 * A subscription as Subscriptions POST returns it: the table's key is `ApiSubscriptionNum`
 * [S30], the API calls it `SubscriptionNum` (example response on apisubscriptions.html [S47]).
 */
export function subscriptionView(s: RowOf<"apisubscription">) {
  return {
    SubscriptionNum: s.ApiSubscriptionNum,
    EndPointUrl: s.EndPointUrl,
    Workstation: s.Workstation,
    CustomerKey: s.CustomerKey,
    WatchTable: s.WatchTable,
    PollingSeconds: s.PollingSeconds,
    UiEventType: s.UiEventType,
    DateTimeStart: odDateTime(s.DateTimeStart),
    DateTimeStop: odDateTime(s.DateTimeStop),
    Note: s.Note,
  };
}
