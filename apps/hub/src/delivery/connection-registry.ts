import { CloseCode } from "@sofia/protocol";
import type { LiveConnection } from "./live-connection.ts";

/**
 * The authenticated sockets of this hub node, and the spec's rule of one active connection per
 * doctor: the newest wins, and the one it replaces is told why and closed with 4001.
 */
export class ConnectionRegistry {
  private readonly byDoctor = new Map<string, LiveConnection>();

  /** Registers `connection` as its doctor's active socket, replacing and closing any older one. */
  attach(connection: LiveConnection): void {
    const older = this.byDoctor.get(connection.doctorId);
    this.byDoctor.set(connection.doctorId, connection);
    if (older && older !== connection) {
      older.terminate(CloseCode.REPLACED, "replaced by a newer connection for this doctor");
    }
  }

  /** Forgets `connection` if it is still its doctor's active socket. */
  detach(connection: LiveConnection): void {
    if (this.byDoctor.get(connection.doctorId) === connection) this.byDoctor.delete(connection.doctorId);
  }

  /** The doctor's active socket, if any. */
  activeFor(doctorId: string): LiveConnection | undefined {
    return this.byDoctor.get(doctorId);
  }

  /** Every live socket of a doctor (at most one in protocol v1). */
  forDoctor(doctorId: string): LiveConnection[] {
    const active = this.byDoctor.get(doctorId);
    return active ? [active] : [];
  }

  /** Live sockets authenticated with a credential, e.g. to close them when it is revoked. */
  forCredential(credentialId: string): LiveConnection[] {
    return this.all().filter((c) => c.credentialId === credentialId);
  }

  all(): LiveConnection[] {
    return [...this.byDoctor.values()];
  }

  get size(): number {
    return this.byDoctor.size;
  }
}
