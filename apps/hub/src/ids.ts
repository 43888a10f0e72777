import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base32. Ids sort by creation
 * time, which keeps logs and timelines readable, and reveal nothing else.
 */
export function ulid(nowMs: number): string {
  let time = "";
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let rest = "";
  for (let i = 0; i < 16; i++) rest += CROCKFORD.charAt((random[i] ?? 0) % 32);
  return time + rest;
}

/** A report id, e.g. `rep_01JD7Z...`. */
export function newReportId(nowMs: number): string {
  return `rep_${ulid(nowMs)}`;
}

/** A connection id for logs and timelines, e.g. `conn_01JD7Z...`. */
export function newConnectionId(nowMs: number): string {
  return `conn_${ulid(nowMs)}`;
}
