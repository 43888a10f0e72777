import type { LiveConnection } from "./live-connection.ts";

/**
 * The authenticated sockets of this hub node, one per slot: the spec's one connection per doctor
 * on v1 (`v1:<doctor>`) and one per consumer on v2 (`v2:<consumer>`). The newest wins; the one it
 * replaces is told why and closed.
 */
export class ConnectionRegistry {
  private readonly bySlot = new Map<string, LiveConnection>();

  /** Registers `connection` in its slot, ending any older holder. */
  attach(connection: LiveConnection): void {
    const older = this.bySlot.get(connection.slot);
    this.bySlot.set(connection.slot, connection);
    if (older && older !== connection) older.end("replaced");
  }

  /** Forgets `connection` if it still holds its slot. */
  detach(connection: LiveConnection): void {
    if (this.bySlot.get(connection.slot) === connection) this.bySlot.delete(connection.slot);
  }

  /** The connection holding a slot, if any. */
  inSlot(slot: string): LiveConnection | undefined {
    return this.bySlot.get(slot);
  }

  /** Every live socket of a doctor, on any protocol. */
  forDoctor(doctorId: string): LiveConnection[] {
    return this.all().filter((c) => c.doctorId === doctorId);
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

/** The v1 slot of a doctor. */
export const v1Slot = (doctorId: string) => `v1:${doctorId}`;
