import type { LiveConnection } from "./live-connection.ts";

/**
 * The authenticated sockets of this hub node, one per slot: the spec's one connection per doctor
 * on v1 (`v1:<doctor>`) and one per consumer on v2 (`v2:<consumer>`). The newest wins; the one it
 * replaces is told why and closed. Connections are also indexed by recipient, so waking a
 * mailbox's readers costs the same with ten sockets or ten thousand.
 */
export class ConnectionRegistry {
  private readonly bySlot = new Map<string, LiveConnection>();
  private readonly byRecipient = new Map<string, Set<LiveConnection>>();

  /** Registers `connection` in its slot, ending any older holder. */
  attach(connection: LiveConnection): void {
    const older = this.bySlot.get(connection.slot);
    this.bySlot.set(connection.slot, connection);
    let readers = this.byRecipient.get(connection.recipient);
    if (!readers) {
      readers = new Set();
      this.byRecipient.set(connection.recipient, readers);
    }
    readers.add(connection);
    if (older && older !== connection) older.end("replaced");
  }

  /** Forgets `connection` (if it still holds its slot, the slot is freed). */
  detach(connection: LiveConnection): void {
    if (this.bySlot.get(connection.slot) === connection) this.bySlot.delete(connection.slot);
    const readers = this.byRecipient.get(connection.recipient);
    readers?.delete(connection);
    if (readers?.size === 0) this.byRecipient.delete(connection.recipient);
  }

  /** The connection holding a slot, if any. */
  inSlot(slot: string): LiveConnection | undefined {
    return this.bySlot.get(slot);
  }

  /** Every live socket reading a recipient's mailbox, on any protocol. */
  forRecipient(recipient: string): LiveConnection[] {
    return [...(this.byRecipient.get(recipient) ?? [])];
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
