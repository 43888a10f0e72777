import { enumValue } from "../enums.ts";
import { isOdDate, isOdDateTime } from "../format.ts";

/** A query parameter that could not be read; becomes a 400 with `message`. */
export class ParamError extends Error {}

/** Reads optional query parameters by their exact Open Dental names, with Open Dental's formats. */
export class Params {
  constructor(private readonly query: Record<string, string | undefined>) {}

  /** A non-negative whole number (a primary or foreign key, `Category`, `Offset`). */
  num(name: string): number | undefined {
    const text = this.query[name];
    if (text === undefined || text === "") return undefined;
    if (!/^\d{1,15}$/.test(text)) throw new ParamError(`${name} must be a whole number.`);
    return Number(text);
  }

  /** Free text, capped so a query cannot carry a novel. */
  text(name: string): string | undefined {
    const text = this.query[name];
    if (text === undefined || text === "") return undefined;
    if (text.length > 255) throw new ParamError(`${name} is too long.`);
    return text;
  }

  /** A `yyyy-MM-dd` date. */
  date(name: string): string | undefined {
    const text = this.text(name);
    if (text !== undefined && !isOdDate(text)) throw new ParamError(`${name} format must be yyyy-MM-dd.`);
    return text;
  }

  /** A `yyyy-MM-dd HH:mm:ss` date-time ([S3]'s example message for DateTStamp). */
  dateTime(name: string): string | undefined {
    const text = this.text(name);
    if (text !== undefined && !isOdDateTime(text)) throw new ParamError(`${name} format must be yyyy-MM-dd HH:mm:ss.`);
    return text;
  }

  /** "true"/"false"; anything else is a 400. */
  bool(name: string): boolean | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    if (text !== "true" && text !== "false") throw new ParamError(`${name} must be true or false.`);
    return text === "true";
  }

  /** An enum by its text name, returned as the stored number. */
  enum(name: string, names: readonly string[], allowed: readonly string[] = names): number | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const value = allowed.includes(text) ? enumValue(names, text) : undefined;
    if (value === undefined) throw new ParamError(`${name} must be one of: ${allowed.filter(Boolean).join(", ")}.`);
    return value;
  }
}
