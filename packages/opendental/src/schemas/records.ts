import { z } from "zod";
import { OdDateTime, OdKey, OdName, OdText } from "../wire.ts";

/** A communication log entry (apicommlogs.html). `CommType` arrives as text ("239"). */
export const OdCommlog = z.object({
  CommlogNum: OdKey.pipe(z.number().positive()),
  PatNum: OdKey,
  CommDateTime: OdDateTime,
  CommType: OdKey,
  commType: OdName,
  Note: OdText,
  Mode_: OdName,
  SentOrReceived: OdName,
  UserNum: OdKey,
  DateTStamp: OdDateTime,
  CommSource: OdName,
});
export type OdCommlog = z.output<typeof OdCommlog>;

/** A document's metadata as Documents POST Upload and GET (single) return it (apidocuments.html). */
export const OdDocument = z.object({
  DocNum: OdKey.pipe(z.number().positive()),
  Description: OdText.max(65_535),
  DateCreated: OdDateTime,
  DocCategory: OdKey,
  docCategory: OdName,
  PatNum: OdKey,
  ImgType: OdName,
  DateTStamp: OdDateTime,
});
export type OdDocument = z.output<typeof OdDocument>;

/**
 * A row of Documents GET (multiple): documents and mounts (a mount has DocNum 0), `PatNum` as text.
 * Its `Note` (which holds a pending upload's whole base64) is deliberately not kept.
 */
export const OdDocumentListItem = z.object({
  DocNum: OdKey,
  MountNum: OdKey,
  Description: OdText.max(65_535),
  PatNum: OdKey,
  DateCreated: OdDateTime,
  DocCategory: OdKey,
  docCategory: OdName,
});
export type OdDocumentListItem = z.output<typeof OdDocumentListItem>;

/**
 * An API subscription (apisubscriptions.html). Its `CustomerKey` is the office's key, a secret:
 * it is dropped on parsing.
 */
export const OdSubscription = z.object({
  SubscriptionNum: OdKey.pipe(z.number().positive()),
  EndPointUrl: OdText.max(2048),
  Workstation: OdName,
  WatchTable: OdName,
  PollingSeconds: OdKey,
  UiEventType: OdName,
  DateTimeStart: OdDateTime,
  DateTimeStop: OdDateTime,
  Note: OdText.max(65_535),
});
export type OdSubscription = z.output<typeof OdSubscription>;
