import type { CredentialStore } from "../store/store.ts";
import type { ConnectionRegistry } from "./connection-registry.ts";

/**
 * Closes live sockets whose credential was revoked. Revocations may come from another process
 * (`sofia-hub keys revoke`) or another hub node, so the store's revocation feed is the only source
 * of truth; the hub polls it (one indexed query) often enough to close sockets within a second.
 * The hub's store is its cached view (store/cache/cached-store.ts): the same read of the feed
 * makes the record cache forget those credentials, so new attempts with them are refused too.
 */
export class RevocationWatcher {
  private cursor = 0;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly registry: ConnectionRegistry,
  ) {}

  /** Starts from now: sockets opened later were authenticated after older revocations. */
  async init(): Promise<void> {
    this.cursor = (await this.credentials.revokedSince(0)).cursor;
  }

  /** One poll: ends the sockets of every credential revoked since the last one. */
  async poll(): Promise<void> {
    const { cursor, ids } = await this.credentials.revokedSince(this.cursor);
    this.cursor = cursor;
    this.registry.revoke(ids);
  }
}
