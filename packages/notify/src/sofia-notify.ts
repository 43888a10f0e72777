import {
  ApiError,
  type NotificationData,
  type ProducerNotificationEvent,
  PublishNotificationRequest,
  type UserRole,
} from "@sofia/protocol";
import { z } from "zod";
import { NotifyError } from "./notify-error.ts";

/** Events a producer may publish. */
export type ProducerEventName = ProducerNotificationEvent["event"];

/** What the hub answered a publish. */
export interface Published {
  /** The notification's id (the first one's, for a repeated `dedupeKey`). */
  id: string;
  /** How many inboxes it went to. */
  recipients: number;
  /** True when the hub had already stored it under the same `dedupeKey`. */
  replayed: boolean;
}

/** How to reach the hub. */
export interface SofiaNotifyOptions {
  /** The hub's base URL, e.g. `https://hub.example.org`. */
  hubUrl: string;
  /** A producer token with the `notifications:publish` scope. */
  token: string;
  fetch?: typeof fetch;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Attempts for failures that may pass (network, `5xx`, `429`). Default 3. */
  attempts?: number;
  /** Makes the de-duplication key of a publish that has none. Default `crypto.randomUUID()`. */
  newKey?: () => string;
}

const Answer = z.object({ id: z.string(), recipients: z.number().int() });

/**
 * Publishes care-team notifications to a hub (`POST /v1/notifications`). Every publish carries a
 * de-duplication key (yours, or one made per call), so a retry after a timeout can never notify
 * twice; failures that may pass are retried with backoff, the rest throw a {@link NotifyError}.
 * The request is checked against the protocol's schema before it is sent.
 *
 * @example
 * const notify = new SofiaNotify({ hubUrl, token });
 * await notify.notifyUser("clinic-a", "pat-1", "new_access_request", { request_id: "r1", … });
 */
export class SofiaNotify {
  constructor(private readonly options: SofiaNotifyOptions) {}

  /** One user's inbox. */
  notifyUser<E extends ProducerEventName>(
    clinicId: string,
    userId: string,
    event: E,
    data: NotificationData<E>,
    options: { dedupeKey?: string } = {},
  ): Promise<Published> {
    return this.publish({ type: "user", clinic_id: clinicId, user_id: userId }, event, data, options.dedupeKey);
  }

  /** Every user of a role in a clinic (those the hub knows), as the policy allows for the event. */
  notifyRole<E extends ProducerEventName>(
    clinicId: string,
    role: UserRole,
    event: E,
    data: NotificationData<E>,
    options: { dedupeKey?: string } = {},
  ): Promise<Published> {
    return this.publish({ type: "role", clinic_id: clinicId, role }, event, data, options.dedupeKey);
  }

  /** Every user of a clinic, for the events the policy allows to go clinic-wide. */
  notifyClinic<E extends ProducerEventName>(
    clinicId: string,
    event: E,
    data: NotificationData<E>,
    options: { dedupeKey?: string } = {},
  ): Promise<Published> {
    return this.publish({ type: "clinic", clinic_id: clinicId }, event, data, options.dedupeKey);
  }

  private async publish(to: unknown, event: string, data: unknown, dedupeKey: string | undefined): Promise<Published> {
    const key = dedupeKey ?? (this.options.newKey ?? (() => crypto.randomUUID()))();
    const request = PublishNotificationRequest.safeParse({ to, event, data, dedupe_key: key });
    if (!request.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of request.error.issues) {
        const path = issue.path.join(".");
        fields[path] = [...(fields[path] ?? []), issue.message];
      }
      throw new NotifyError("the notification is not valid; nothing was sent", 400, "invalid_body", fields);
    }
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(JSON.stringify(request.data));
      } catch (error) {
        if (!(error instanceof NotifyError) || !error.retryable || attempt >= attempts) throw error;
        // Full jitter, so producers that failed together do not retry together.
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt) * Math.random()));
      }
    }
  }

  private async send(body: string): Promise<Published> {
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.options.hubUrl.replace(/\/+$/, "")}/v1/notifications`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.options.token}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new NotifyError(`the hub could not be reached: ${String(error)}`, 0, "network");
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const answer = Answer.parse(json);
      return { ...answer, replayed: response.status === 200 };
    }
    const error = ApiError.safeParse(json);
    const detail = error.success ? error.data.error : { code: "unknown", message: response.statusText };
    throw new NotifyError(
      detail.message,
      response.status,
      detail.code,
      error.success ? (error.data.error.fields ?? {}) : {},
    );
  }
}
