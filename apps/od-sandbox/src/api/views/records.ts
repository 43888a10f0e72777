import { CommItemMode, CommItemSource, CommSentOrReceived, enumText, ImageType } from "../../enums.ts";
import { odBool, odDateTime } from "../../format.ts";
import type { RowOf } from "../../store/tables.ts";
import type { Lookups } from "../lookups.ts";

/** A commlog [S17]; `commType` is its CommLogTypes definition's ItemName. */
export function commlogView(c: RowOf<"commlog">, lookups: Lookups) {
  return {
    CommlogNum: c.CommlogNum,
    PatNum: c.PatNum,
    CommDateTime: odDateTime(c.CommDateTime),
    CommType: c.CommType,
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
