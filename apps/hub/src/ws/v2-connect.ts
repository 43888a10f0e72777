import type { Capabilities, V2Auth } from "@sofia/protocol";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import { type PumpConsumer, unreadableRun } from "../delivery/delivery-pump.ts";
import type { V2Principal } from "../services/authenticator.ts";
import type { HubStore } from "../store/store.ts";

/**
 * Where a v2 connection's delivery resumes: the stored cursor, moved forward to the client's when
 * the client has safely processed more than the hub recorded (its last acks were lost). The hub
 * never goes back: what a consumer acknowledged is not sent again. A revision-0 client then skips,
 * with the hub acknowledging them on its behalf, the deliveries right after that it cannot read.
 */
export async function resumeCursor(
  deps: { store: HubStore; clock: Clock },
  principal: V2Principal,
  consumer: PumpConsumer,
  clientCursor: number,
): Promise<number> {
  const { mailbox } = deps.store;
  const at = isoAt(deps.clock.now());
  // Asked in one turn, so both cross to the store thread in one message. A head read before a
  // new cursor is opened is at most the head that cursor starts from: the clamp below is unchanged.
  const [existing, head] = await Promise.all([mailbox.cursor(consumer.id), mailbox.head(consumer.recipient)]);
  const stored =
    existing?.ackedSeq ?? (await mailbox.openCursor(consumer.id, consumer.recipient, principal.cursorFrom, at));
  const target = Math.min(clientCursor, head);
  let cursor = target > stored ? await mailbox.ack(consumer.id, target, at) : stored;
  if (!consumer.protocol.skipsSilently) {
    const run = await unreadableRun(deps.store, consumer, cursor);
    const last = run.at(-1);
    if (last !== undefined) cursor = await mailbox.ack(consumer.id, last, at, run);
  }
  return cursor;
}

/** What {@link recordConnection} records. */
export interface V2Connection {
  /** The session's id. */
  connection: string;
  principal: V2Principal;
  auth: V2Auth;
  capabilities: Capabilities;
  resumeFrom: number;
  at: string;
}

/** The audit record of a v2 connection and, for an agent, what its client said it can take. */
export async function recordConnection(store: HubStore, c: V2Connection): Promise<void> {
  const { principal, auth, capabilities, at } = c;
  // Both writes in one turn: one message to the store thread, committed together.
  const audited = store.audit.record({
    at,
    actor: principal.credential.id,
    action: "socket.authenticated",
    subject: principal.consumerId,
    clinicId: principal.clinic.id,
    detail: { connection: c.connection, protocol: "v2", resume_from: c.resumeFrom, revision: capabilities.revision },
  });
  const seen =
    principal.agentId === null
      ? null
      : store.agents.seen(principal.agentId, {
          name: auth.client?.name ?? null,
          version: auth.client?.version ?? null,
          capabilities,
          lastSeenAt: at,
        });
  await Promise.all([audited, seen]);
}
