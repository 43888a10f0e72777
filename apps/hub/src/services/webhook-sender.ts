import { createHmac, randomBytes } from "node:crypto";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { Credential } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";

/** Settings of webhook delivery. */
export interface WebhookSettings {
  /** First retry delay; each further retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before an event is given up (and `webhook_failed` says so). */
  maxAttempts: number;
  /** How often the outbox is checked. */
  pollMs: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  baseDelayMs: 1000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 15,
  pollMs: 250,
  timeoutMs: 10_000,
};

/**
 * The `Sofia-Signature` header for a body sent at `timestampS`: `t=<s>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. Signing the timestamp with the body lets receivers refuse replays.
 */
export function signWebhook(secret: string, body: string, timestampS: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampS}.${body}`).digest("hex");
  return `t=${timestampS},v1=${mac}`;
}

/**
 * Registers webhooks and delivers the outbox, retrying with exponential backoff. The hub calls
 * {@link runDue} every `pollMs`.
 */
export class WebhookSender {
  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly fetchFn: typeof fetch,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
  ) {}

  /** Sets the producer's webhook URL and returns its new signing secret (shown once). */
  async register(producer: Credential, url: string): Promise<string> {
    const secret = `whsec_${randomBytes(24).toString("base64url")}`;
    await this.store.webhooks.set({ credentialId: producer.id, url, secret, createdAt: isoAt(this.clock.now()) });
    return secret;
  }

  /** Sends every due outbox item once. */
  async runDue(): Promise<void> {
    for (const item of await this.store.webhooks.due(this.clock.now(), 50)) {
      const hook = await this.store.webhooks.get(item.credentialId);
      const at = () => isoAt(this.clock.now());
      const attempt = item.attempts + 1;
      if (!hook) {
        await this.store.webhooks.failed(item, at(), null, { attempt, error: "webhook removed" });
        continue;
      }
      const error = await this.post(hook.url, hook.secret, item.eventId, item.payload);
      if (error === null) {
        await this.store.webhooks.delivered(item, at(), { attempt, url: hook.url });
        continue;
      }
      const delay = Math.min(this.settings.baseDelayMs * 2 ** item.attempts, this.settings.maxDelayMs);
      const next = attempt >= this.settings.maxAttempts ? null : this.clock.now() + delay;
      await this.store.webhooks.failed(item, at(), next, { attempt, error, gave_up: next === null });
      this.log.warn("webhook failed", { report: item.reportId, attempt, error });
    }
  }

  /** POSTs one event; returns `null` on a 2xx, or why it failed. */
  private async post(url: string, secret: string, eventId: string, body: string): Promise<string | null> {
    try {
      const response = await this.fetchFn(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "sofia-event-id": eventId,
          "sofia-signature": signWebhook(secret, body, Math.floor(this.clock.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: "manual",
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 200) : "request failed";
    }
  }
}
