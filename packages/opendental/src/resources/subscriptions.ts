import { z } from "zod";
import { ArgDateTime, ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne } from "../context.ts";
import { OdSubscription } from "../schemas/records.ts";
import { odList } from "../wire.ts";

const EndPointUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** A PatientSelected UI-event subscription to create (Subscriptions POST). */
export const NewSubscription = z
  .object({
    EndPointUrl,
    /**
     * The machine name that fires the events. Open Dental: "Only leave this blank if your endpoint
     * is localhost", or every workstation sends every event.
     */
    Workstation: argText(255).optional(),
    UiEventType: z.literal("PatientSelected"),
    DateTimeStop: ArgDateTime.optional(),
    Note: argText(255).optional(),
  })
  .strict();
export type NewSubscription = z.input<typeof NewSubscription>;

/** Changes to a subscription (Subscriptions PUT): only the fields given change. */
export const SubscriptionChanges = z
  .object({
    EndPointUrl: EndPointUrl.optional(),
    Workstation: argText(255).optional(),
    DateTimeStop: ArgDateTime.optional(),
    Note: argText(255).optional(),
  })
  .strict();
export type SubscriptionChanges = z.input<typeof SubscriptionChanges>;

/**
 * Subscriptions to API events (apisubscriptions.html), owned by the customer key. Open Dental
 * refuses a second live subscription identical to one that exists (same endpoint, workstation
 * and event): list them first and reuse or change the one there.
 */
export class SubscriptionsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** The customer key's subscriptions. */
  async list(): Promise<OdSubscription[]> {
    const spec = {
      method: "GET",
      path: "/subscriptions",
      template: "/subscriptions",
      schema: odList(OdSubscription),
    } as const;
    return fetchAll(this.ctx, spec);
  }

  /** Creates a subscription under the customer key; Open Dental's 400 if an identical one is live. */
  async create(subscription: NewSubscription): Promise<OdSubscription> {
    const body = checkArgs(NewSubscription, subscription, "POST /subscriptions");
    return fetchOne(this.ctx, {
      method: "POST",
      path: "/subscriptions",
      template: "/subscriptions",
      body,
      schema: OdSubscription,
    });
  }

  /** Changes the given fields of one of the key's subscriptions. */
  async update(subscriptionNum: number, changes: SubscriptionChanges): Promise<void> {
    const request = "PUT /subscriptions/{id}";
    const id = checkArgs(ArgKey, subscriptionNum, request);
    const body = checkArgs(SubscriptionChanges, changes, request);
    await fetchOne(this.ctx, {
      method: "PUT",
      path: `/subscriptions/${id}`,
      template: "/subscriptions/{id}",
      body,
      schema: null,
    });
  }

  /** Deletes one of the key's subscriptions; `not_found` when there is none by that number. */
  async remove(subscriptionNum: number): Promise<void> {
    const id = checkArgs(ArgKey, subscriptionNum, "DELETE /subscriptions/{id}");
    await fetchOne(this.ctx, {
      method: "DELETE",
      path: `/subscriptions/${id}`,
      template: "/subscriptions/{id}",
      schema: null,
    });
  }
}
