import type { Hono } from "hono";
import { z } from "zod";
import { officeNow } from "../../clock.ts";
import { MIN_DATE_TIME } from "../../format.ts";
import { readBody } from "../body.ts";
import { type ApiEnv, pathKey, type SandboxDeps } from "../context.ts";
import { odError } from "../errors.ts";
import { dateTimeField, textField } from "../fields.ts";
import { subscriptionView } from "../views/records.ts";

const SubscriptionBody = z.object({
  EndPointUrl: textField("EndPointUrl", 255).refine((t) => /^https?:\/\/[^\s]+$/i.test(t), {
    error: "EndPointUrl must be an http or https URL.",
  }),
  Workstation: textField("Workstation", 255).optional(),
  UiEventType: textField("UiEventType", 255).optional(),
  WatchTable: textField("WatchTable", 255).optional(),
  PollingSeconds: z.number().int().min(1).optional(),
  DateTimeStart: dateTimeField("DateTimeStart").optional(),
  DateTimeStop: dateTimeField("DateTimeStop").optional(),
  Note: textField("Note", 255).optional(),
});

/**
 * `POST /subscriptions` and `GET /subscriptions` [S10][S47]: subscriptions belong to the customer
 * key of the request. The sandbox fires the UI event `PatientSelected` only; database events
 * (`WatchTable`) are refused plainly rather than accepted and never sent.
 */
export function subscriptionRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.post("/subscriptions", async (c) => {
    const body = await readBody(c, SubscriptionBody);
    if (!body.ok) return body.response;
    const input = body.value;
    if (input.WatchTable !== undefined) {
      return odError(c, 400, "The sandbox does not fire database events; subscribe to UiEventType PatientSelected.");
    }
    if (input.UiEventType !== "PatientSelected") {
      return odError(c, 400, input.UiEventType ? "UiEventType is invalid." : "UiEventType or WatchTable is required.");
    }
    // [S10b][S47]: Workstation may be left blank only for a localhost endpoint (each workstation then
    // posts to its own listener). Inferred: anything else is refused with 400, not stored.
    if (!input.Workstation && !isLocalhost(input.EndPointUrl)) {
      return odError(c, 400, "Workstation is required unless EndPointUrl is a localhost address.");
    }
    const customerKey = c.get("apiKey").CustApiKey;
    const now = officeNow(deps.clock);
    // Open Dental refuses a second live subscription with the same key, endpoint, workstation and
    // event (ApiSubscriptions.IsExistingSubscription [S31]). Inferred: the 400 and its wording.
    const live = await liveSubscriptions(deps, customerKey, now);
    const twin = live.find(
      (s) =>
        s.EndPointUrl === input.EndPointUrl &&
        s.Workstation === (input.Workstation ?? "") &&
        s.UiEventType === input.UiEventType &&
        s.WatchTable === "",
    );
    if (twin) return odError(c, 400, `This subscription already exists: SubscriptionNum ${twin.ApiSubscriptionNum}.`);
    const row = await deps.store.insert("apisubscription", {
      EndPointUrl: input.EndPointUrl,
      Workstation: input.Workstation ?? "",
      CustomerKey: customerKey,
      UiEventType: input.UiEventType,
      DateTimeStart: input.DateTimeStart ?? now,
      DateTimeStop: input.DateTimeStop ?? MIN_DATE_TIME,
      Note: input.Note ?? "",
    });
    return c.json(subscriptionView(row), 201);
  });

  app.get("/subscriptions", async (c) => {
    const rows = await deps.store.select("apisubscription", {
      where: [{ column: "CustomerKey", op: "=", value: c.get("apiKey").CustApiKey }],
    });
    return c.json(rows.map(subscriptionView));
  });

  // [S47]: PUT changes the given fields; PollingSeconds only for WatchTable subscriptions. Both
  // PUT and DELETE answer 200 with no object. Inferred: another key's subscription is not found.
  app.put("/subscriptions/:SubscriptionNum", async (c) => {
    const row = await ownSubscription(deps, c.get("apiKey").CustApiKey, pathKey(c, "SubscriptionNum"));
    if (!row) return odError(c, 404, "Subscription not found.");
    const body = await readBody(c, SubscriptionUpdate);
    if (!body.ok) return body.response;
    const { PollingSeconds, ...changes } = body.value;
    if (PollingSeconds !== undefined && row.WatchTable === "") {
      return odError(c, 400, "PollingSeconds can only be set for WatchTable subscriptions.");
    }
    const next = { ...row, ...changes };
    if (!next.Workstation && !isLocalhost(next.EndPointUrl)) {
      return odError(c, 400, "Workstation is required unless EndPointUrl is a localhost address.");
    }
    await deps.store.update("apisubscription", row.ApiSubscriptionNum, changes);
    return c.body(null, 200);
  });

  app.delete("/subscriptions/:SubscriptionNum", async (c) => {
    const row = await ownSubscription(deps, c.get("apiKey").CustApiKey, pathKey(c, "SubscriptionNum"));
    if (!row) return odError(c, 404, "SubscriptionNum not found.");
    await deps.store.remove("apisubscription", row.ApiSubscriptionNum);
    return c.body(null, 200);
  });
}

const SubscriptionUpdate = z.object({
  EndPointUrl: SubscriptionBody.shape.EndPointUrl.optional(),
  Workstation: textField("Workstation", 255).optional(),
  PollingSeconds: z.number().int().min(1).optional(),
  DateTimeStart: dateTimeField("DateTimeStart").optional(),
  DateTimeStop: dateTimeField("DateTimeStop").optional(),
  Note: textField("Note", 255).optional(),
});

async function ownSubscription(deps: SandboxDeps, customerKey: string, num: number) {
  const row = await deps.store.get("apisubscription", num);
  return row?.CustomerKey === customerKey ? row : undefined;
}

async function liveSubscriptions(deps: SandboxDeps, customerKey: string, now: string) {
  const rows = await deps.store.select("apisubscription", {
    where: [{ column: "CustomerKey", op: "=", value: customerKey }],
  });
  return rows.filter((s) => s.DateTimeStop === MIN_DATE_TIME || s.DateTimeStop >= now);
}

/** True when `url` points at the machine itself: localhost, 127.x.x.x or [::1]. */
function isLocalhost(url: string): boolean {
  const host = URL.parse(url)?.hostname.toLowerCase() ?? "";
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
