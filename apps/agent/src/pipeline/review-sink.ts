import type { Held, Sink } from "./sink.ts";

/** The reason the {@link ReviewSink} gives; the status page shows it next to the report. */
export const REVIEW_REASON =
  "no writer is configured on this PC yet: the report is kept in the journal for review on the status page";

/**
 * The sink the agent ships with until the Open Dental writer exists: it writes nothing anywhere.
 * Every report is held, so it stays in the journal (content included) where a person can read it on
 * the local status page, and the hub's timeline shows `held` with this reason.
 */
export class ReviewSink implements Sink {
  readonly name = "review";

  async bind(): Promise<Held> {
    return { outcome: "held", reason: REVIEW_REASON };
  }

  async write(): Promise<Held> {
    return { outcome: "held", reason: REVIEW_REASON };
  }
}
