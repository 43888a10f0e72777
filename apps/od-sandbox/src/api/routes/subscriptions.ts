import type { Hono } from "hono";
import { z } from "zod";
import { officeNow } from "../../clock.ts";
import { MIN_DATE_TIME } from "../../format.ts";
import { readBody } from "../body.ts";
import type { ApiEnv, SandboxDeps } from "../context.ts";
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
    const row = await deps.store.insert("apisubscription", {
      EndPointUrl: input.EndPointUrl,
      Workstation: input.Workstation ?? "",
      CustomerKey: c.get("apiKey").CustApiKey,
      UiEventType: input.UiEventType,
      DateTimeStart: input.DateTimeStart ?? officeNow(deps.clock),
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
}

/** True when `url` points at the machine itself: localhost, 127.x.x.x or [::1]. */
function isLocalhost(url: string): boolean {
  const host = URL.parse(url)?.hostname.toLowerCase() ?? "";
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
