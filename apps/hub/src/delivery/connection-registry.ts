import { makeRoom } from "../make-room.ts";
import type { LiveConnection } from "./live-connection.ts";

/**
 * Revoked credential ids a registry remembers. A socket takes a few store round trips (under a
 * second) from its credential check to attaching; a revocation forgotten after this many newer ones
 * is long past that.
 */
const MAX_REMEMBERED_REVOCATIONS = 10_000;

/**
 * The authenticated sockets of this hub node, one per slot: the spec's one connection per doctor
 * on v1 (`v1:<doctor>`) and one per consumer on v2 (`v2:<consumer>`). The newest wins; the one it
 * replaces is told why and closed. Connections are also indexed by recipient, so waking a
 * mailbox's readers costs the same with ten sockets or ten thousand.
 */
export class ConnectionRegistry {
  private readonly bySlot = new Map<string, LiveConnection>();
  /**
   * A recipient's readers: the connection itself while it is the only one (nearly always), a set
   * once there are more. A set costs about 250 bytes, a tenth of what an idle session keeps.
   */
  private readonly byRecipient = new Map<string, LiveConnection | Set<LiveConnection>>();
  /** Credentials this node has learnt are revoked, oldest first (revocations are rare; bounded anyway). */
  private readonly revokedIds = new Set<string>();

  /** Registers `connection` in its slot, ending any older holder. */
  attach(connection: LiveConnection): void {
    // Its credential was checked before the revocation, and the poll that ended the credential's
    // sockets ran before this one attached: end it now, as that poll would have, without taking
    // the slot (it must not replace the doctor's connection on a new key). Not synchronously: the
    // session finishes admitting first, then closes with the documented code.
    if (this.revokedIds.has(connection.credentialId)) {
      queueMicrotask(() => connection.end("revoked"));
      return;
    }
    const older = this.bySlot.get(connection.slot);
    this.bySlot.set(connection.slot, connection);
    const readers = this.byRecipient.get(connection.recipient);
    if (readers === undefined) this.byRecipient.set(connection.recipient, connection);
    else if (readers instanceof Set) readers.add(connection);
    else if (readers !== connection) this.byRecipient.set(connection.recipient, new Set([readers, connection]));
    if (older && older !== connection) older.end("replaced");
  }

  /**
   * Ends the live sockets of credentials that were revoked, and any socket that attaches with one
   * of them later: a socket whose credential was checked just before the revocation committed can
   * attach after the poll that saw it.
   */
  revoke(credentialIds: readonly string[]): void {
    for (const id of credentialIds) {
      makeRoom(this.revokedIds, MAX_REMEMBERED_REVOCATIONS);
      this.revokedIds.add(id);
      for (const connection of this.forCredential(id)) connection.end("revoked");
    }
  }

  /** Forgets `connection` (if it still holds its slot, the slot is freed). */
  detach(connection: LiveConnection): void {
    if (this.bySlot.get(connection.slot) === connection) this.bySlot.delete(connection.slot);
    const readers = this.byRecipient.get(connection.recipient);
    if (readers === connection) this.byRecipient.delete(connection.recipient);
    else if (readers instanceof Set && readers.delete(connection) && readers.size === 1) {
      // Back to a single reader: keep it without the set.
      for (const last of readers) this.byRecipient.set(connection.recipient, last);
    }
  }

  /** The connection holding a slot, if any. */
  inSlot(slot: string): LiveConnection | undefined {
    return this.bySlot.get(slot);
  }

  /** Every live socket reading a recipient's mailbox, on any protocol. */
  forRecipient(recipient: string): LiveConnection[] {
    const readers = this.byRecipient.get(recipient);
    if (readers === undefined) return [];
    return readers instanceof Set ? [...readers] : [readers];
  }

  /** Live sockets authenticated with a credential, e.g. to close them when it is revoked. */
  forCredential(credentialId: string): LiveConnection[] {
    return this.all().filter((c) => c.credentialId === credentialId);
  }

  all(): LiveConnection[] {
    return [...this.bySlot.values()];
  }

  get size(): number {
    return this.bySlot.size;
  }
}
