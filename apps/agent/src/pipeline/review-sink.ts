import { HoldCode, holdReason } from "../opendental/hold-reasons.ts";
import type { Held, Sink } from "./sink.ts";

/** The reason the {@link ReviewSink} gives; the status page shows it next to the report. */
export const REVIEW_REASON = holdReason(HoldCode.NOT_CONFIGURED);

/**
 * A sink that writes nothing anywhere: every report is held, so it stays in the journal (content
 * included) where a person can read it on the local status page, and the hub's timeline shows
 * `held` with this reason. The Open Dental sink behaves so until Open Dental is connected.
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
