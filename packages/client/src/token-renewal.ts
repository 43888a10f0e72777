import type { V2Welcome } from "@sofia/protocol";
import type { Clock, TimerHandle } from "./clock.ts";
import type { UserMessage } from "./user-messages.ts";

/** Renew this long before the token expires. */
export const RENEW_AHEAD_MS = 60_000;

/**
 * Keeps a care-team user's connection authenticated: ahead of the token's expiry (from `welcome`,
 * then from each `refreshed`), asks the app for a fresh token and sends it as `refresh`, so a
 * long-lived tab never drops at expiry. Wire `welcomed` and `message` to the client's events.
 */
export class TokenRenewal {
  private timer: TimerHandle | null = null;

  constructor(
    private readonly renew: () => Promise<string>,
    private readonly send: (token: string) => boolean,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  welcomed(welcome: V2Welcome): void {
    if (welcome.principal.kind === "user") this.schedule(Date.parse(welcome.principal.expires_at));
  }

  message(message: UserMessage): void {
    if (message.type === "refreshed") this.schedule(Date.parse(message.expires_at));
  }

  stop(): void {
    this.timer?.cancel();
  }

  private schedule(expiresAtMs: number): void {
    this.timer?.cancel();
    const wait = Math.max(0, expiresAtMs - RENEW_AHEAD_MS - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.renew().then((token) => this.send(token), this.onError);
    }, wait);
  }
}
