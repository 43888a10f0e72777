import { createHmac, randomBytes } from "node:crypto";
import { type Clock, isoAt } from "@sofia/runtime/clock";
import type { Logger } from "@sofia/runtime/log";
import type { HubMetrics } from "../metrics/index.ts";
import type { Credential } from "../store/records.ts";
import type { HubStore } from "../store/store.ts";
import type { CallOutcome, WebhookTransport } from "../webhooks/transport.ts";

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
  /**
   * Let webhooks reach loopback, private and unique-local addresses (a producer next to a
   * development hub). Off by default: a producer must not make the hub call into its own network.
   */
  allowLocalTargets: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  baseDelayMs: 1000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 15,
  pollMs: 250,
  timeoutMs: 10_000,
  allowLocalTargets: false,
};

/**
 * What a producer may learn of a failed call: the HTTP status class, or that there was no answer.
 * Never the socket error: "connection refused" against "timed out" would let a producer map ports.
 */
function publicError(outcome: CallOutcome): string {
  return outcome.kind === "answered" ? `HTTP ${Math.floor(outcome.status / 100)}xx` : "no answer";
}

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
    private readonly transport: WebhookTransport,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
    private readonly metrics?: HubMetrics,
  ) {}

  /**
   * Sets the producer's webhook URL and returns its new signing secret (shown once), or why the
   * hub will not call that URL (it resolves to a loopback, private or link-local address...).
   */
  async register(
    producer: Credential,
    url: string,
  ): Promise<{ ok: true; secret: string } | { ok: false; reason: string }> {
    const refused = await this.transport.vet(url);
    if (refused) return { ok: false, reason: refused };
    const secret = `whsec_${randomBytes(24).toString("base64url")}`;
    await this.store.webhooks.set({ credentialId: producer.id, url, secret, createdAt: isoAt(this.clock.now()) });
    return { ok: true, secret };
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
      const outcome = await this.transport.post(
        hook.url,
        {
          "content-type": "application/json",
          "sofia-event-id": item.eventId,
          "sofia-signature": signWebhook(hook.secret, item.payload, Math.floor(this.clock.now() / 1000)),
        },
        item.payload,
      );
      if (outcome.kind === "answered" && outcome.status >= 200 && outcome.status < 300) {
        await this.store.webhooks.delivered(item, at(), { attempt, url: hook.url });
        this.metrics?.webhookAttempt("delivered");
        continue;
      }
      const delay = Math.min(this.settings.baseDelayMs * 2 ** item.attempts, this.settings.maxDelayMs);
      const next = attempt >= this.settings.maxAttempts ? null : this.clock.now() + delay;
      const error = publicError(outcome);
      await this.store.webhooks.failed(item, at(), next, { attempt, error, gave_up: next === null });
      this.metrics?.webhookAttempt(next === null ? "gave_up" : "failed");
      // The operator's log says what happened; the producer's timeline only that it failed.
      const why = outcome.kind === "answered" ? `HTTP ${outcome.status}` : outcome.reason;
      this.log.warn("webhook failed", { report: item.reportId, attempt, outcome: outcome.kind, error: why });
    }
  }
}
