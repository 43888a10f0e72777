import type { V2Status } from "@sofia/protocol";
import type { StatusInput } from "./options.ts";

/**
 * Statuses the hub has not confirmed yet. Each is resent on every (re)connection until its
 * `status_ack` arrives; its `status_id` (default `<report id>:<status>`) makes the resends
 * idempotent at the hub.
 */
export class StatusOutbox {
  private readonly pending = new Map<string, { message: V2Status; resolve: () => void; reject: (e: Error) => void }>();

  /** Queues a status; `confirmed` resolves when the hub has recorded it. */
  add(input: StatusInput): { message: V2Status; confirmed: Promise<void> } {
    const message: V2Status = {
      type: "status",
      status_id: input.statusId ?? `${input.reportId}:${input.status}`,
      report_id: input.reportId,
      status: input.status,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.target !== undefined ? { target: input.target } : {}),
    };
    const confirmed = new Promise<void>((resolve, reject) => {
      this.pending.set(message.status_id, { message, resolve, reject });
    });
    return { message, confirmed };
  }

  /** The hub confirmed a status. */
  confirmed(statusId: string): void {
    this.pending.get(statusId)?.resolve();
    this.pending.delete(statusId);
  }

  /** What to send again on a new connection. */
  unconfirmed(): V2Status[] {
    return [...this.pending.values()].map((p) => p.message);
  }

  /** Gives up on every pending status (the client stopped). */
  rejectAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
