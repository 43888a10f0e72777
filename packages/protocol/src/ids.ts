import { z } from "zod";

/**
 * Identifiers that operators choose (doctor and clinic ids) are short, printable and safe to put
 * in URLs, logs and file names.
 */
export const ExternalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, '.', '_' or '-'");

/** An ISO 8601 timestamp in UTC, as the hub writes them (e.g. `2026-11-21T09:30:00.000Z`). */
export const Timestamp = z.iso.datetime();
