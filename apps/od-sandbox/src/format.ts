/**
 * Open Dental's wire formats [S3]: dates `yyyy-MM-dd`, date-times `yyyy-MM-dd HH:mm:ss` (office-local,
 * no offset), `0001-01-01` for an empty date, booleans as the strings "true"/"false".
 */

/** An empty date as Open Dental writes it. */
export const MIN_DATE = "0001-01-01";
/** An empty date-time as Open Dental writes it. */
export const MIN_DATE_TIME = "0001-01-01 00:00:00";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/;

/** The date part of a stored date or date-time, as `yyyy-MM-dd`. */
export function odDate(stored: string): string {
  return stored.slice(0, 10) || MIN_DATE;
}

/** A stored date-time as `yyyy-MM-dd HH:mm:ss` (a bare date gets midnight). */
export function odDateTime(stored: string): string {
  return stored.length === 10 ? `${stored} 00:00:00` : stored || MIN_DATE_TIME;
}

/** A stored 0/1 flag as Open Dental's boolean text. */
export function odBool(flag: number): "true" | "false" {
  return flag ? "true" : "false";
}

/**
 * A stored .NET ARGB colour (`provider.ProvColor`, `appointment.ColorOverride`, an `int(11)` that is
 * negative when alpha is 255) as the API's "R,G,B" text: provColor "164,164,255" [S37],
 * colorOverride "0,0,0" [S9].
 */
export function odColor(argb: number): string {
  return `${(argb >> 16) & 255},${(argb >> 8) & 255},${argb & 255}`;
}

/** A stored money amount as the API's text with two decimals: ProcFee "130.00" [S7]. */
export function odMoney(amount: number): string {
  return amount.toFixed(2);
}

/** True when `text` is a real calendar date in `yyyy-MM-dd`. */
export function isOdDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `text` is a real date-time in `yyyy-MM-dd HH:mm:ss`. */
export function isOdDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3])) && validTime(m[4], m[5], m[6]);
}

/** True when `text` is a time of day in `HH:mm:ss`. */
export function isOdTime(text: string): boolean {
  const m = TIME.exec(text);
  return m !== null && validTime(m[1], m[2], m[3]);
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return y >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function validTime(h = "", m = "", s = ""): boolean {
  return Number(h) < 24 && Number(m) < 60 && Number(s) < 60;
}
