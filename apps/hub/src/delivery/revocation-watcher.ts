import { CloseCode } from "@sofia/protocol";
import type { Clock, TimerHandle } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { CredentialStore } from "../store/store.ts";
import type { ConnectionRegistry } from "./connection-registry.ts";

/**
 * Closes live sockets whose credential was revoked, within one poll interval. Revocations may come
 * from another process (`sofia-hub keys revoke`) or another hub node, so the store's revocation
 * feed is the only source of truth; polling it is one indexed query.
 */
export class RevocationWatcher {
  private cursor = 0;
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly registry: ConnectionRegistry,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** Starts watching from now: revocations older than this have already kept their sockets out. */
  async start(): Promise<void> {
    this.cursor = (await this.credentials.revokedSince(0)).cursor;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** One poll: closes the sockets of every credential revoked since the last one. */
  async poll(): Promise<void> {
    const { cursor, ids } = await this.credentials.revokedSince(this.cursor);
    this.cursor = cursor;
    for (const id of ids) {
      for (const connection of this.registry.forCredential(id)) {
        this.log.info("closing socket of revoked credential", { connection: connection.id, key: id });
        connection.terminate(CloseCode.POLICY_VIOLATION, "credential revoked");
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.poll()
        .catch((error) => this.log.error("revocation poll failed", { error: String(error) }))
        .finally(() => this.schedule());
    }, this.intervalMs);
  }
}
