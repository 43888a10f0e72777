const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * When a report was made, on this PC's clock, for judging the chair against it. The hub's report
 * ids are ULIDs (`rep_` + 48 bits of milliseconds): the moment the producer published it, right
 * after the visit. A report from elsewhere (another v1 endpoint) is dated by its arrival here.
 * Never later than its arrival, so a hub clock running ahead cannot make a selection look older.
 * However old: a report that reaches a PC switched off for weeks is judged against the chair as it
 * was then (nobody has been there since), never against whoever sits in it now.
 */
export function reportTime(reportId: string, receivedAtMs: number): number {
  const made = ulidTime(reportId);
  return made === null ? receivedAtMs : Math.min(made, receivedAtMs);
}

/** The milliseconds a `rep_` ULID carries, or null for any other id. */
export function ulidTime(reportId: string): number | null {
  const match = /^rep_([0-9A-HJKMNP-TV-Z]{26})$/.exec(reportId);
  if (!match?.[1]) return null;
  let ms = 0;
  for (const char of match[1].slice(0, 10)) ms = ms * 32 + CROCKFORD.indexOf(char);
  return ms;
}
