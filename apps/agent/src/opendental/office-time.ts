/**
 * The office's clock. Open Dental's date-times are office-local wall-clock text with no offset
 * ("2025-03-14 10:30:00"), and "today" and "seated at" are the office server's, never this PC's.
 * An `OfficeTime` is the difference between the server's wall clock (read from a `serverDateTime`)
 * and this PC's clock at one moment, so any instant the agent recorded (a selection, a report's
 * arrival) can be told as the office's date and time, and any Open Dental time as an instant.
 */
export class OfficeTime {
  private constructor(
    /** Office wall-clock milliseconds (read as if UTC) minus this PC's milliseconds. */
    readonly offsetMs: number,
  ) {}

  /** From the server's `serverDateTime` and this PC's clock when the answer arrived; null if unreadable. */
  static fromServer(serverDateTime: string, agentNowMs: number): OfficeTime | null {
    const wall = wallMs(serverDateTime);
    return wall === null ? null : new OfficeTime(wall - agentNowMs);
  }

  /** The office's wall-clock text for an instant of this PC's clock. */
  wallText(agentMs: number): string {
    return new Date(agentMs + this.offsetMs).toISOString().slice(0, 19).replace("T", " ");
  }

  /** The office's calendar date (`yyyy-MM-dd`) at an instant of this PC's clock. */
  date(agentMs: number): string {
    return this.wallText(agentMs).slice(0, 10);
  }

  /** The instant (this PC's clock) of an Open Dental date-time; null for empty or unreadable text. */
  instant(wallText: string | null): number | null {
    const wall = wallText === null ? null : wallMs(wallText);
    return wall === null ? null : wall - this.offsetMs;
  }
}

/** "yyyy-MM-dd HH:mm:ss" read as UTC milliseconds, or null (Open Dental's empty 0001-01-01 too). */
export function wallMs(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match || match[1] === "0001") return null;
  const ms = Date.UTC(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
  );
  // Date.UTC rolls 2025-02-30 over into March: a date that does not round-trip is not a date.
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ") === text.trim().replace("T", " ") ? ms : null;
}
