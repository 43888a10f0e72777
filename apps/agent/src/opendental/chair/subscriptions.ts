import type { OdSubscription, OpenDentalClient } from "@sofia/opendental";
import { EVENT_PATH } from "./event-server.ts";

/** The start of the Note on every subscription an agent makes; the rest names its PC. */
export const SUBSCRIPTION_NOTE = "Sofia Bridge agent on";

/** One PatientSelected subscription the agent wants: which workstation fires it, where it is posted. */
export interface WantedSubscription {
  workstation: string;
  url: string;
}

/**
 * The subscriptions for the mapped workstations: each posts to this PC's event endpoint. A
 * workstation that is this PC posts to 127.0.0.1; the others to `eventsHost` (default this PC's
 * name), which then needs the port open in this PC's firewall. The `?workstation=` names the
 * workstation for offices older than the Workstation header (22.4.28).
 */
export function wantedSubscriptions(
  workstations: readonly string[],
  thisPc: string,
  eventsHost: string | null,
  port: number,
): WantedSubscription[] {
  const unique = [...new Set(workstations.map((w) => w.toUpperCase()))];
  return unique.map((workstation) => {
    const host = eventsHost ?? (workstation === thisPc.toUpperCase() ? "127.0.0.1" : thisPc);
    return { workstation, url: `http://${host}:${port}${EVENT_PATH}?workstation=${encodeURIComponent(workstation)}` };
  });
}

/** Whether the endpoint must listen beyond this PC (some workstation posts from elsewhere). */
export function needsNetwork(wanted: readonly WantedSubscription[]): boolean {
  return wanted.some((w) => !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):/.test(w.url));
}

/**
 * Makes the office's PatientSelected subscriptions match `wanted`: keeps the live ones that do,
 * creates the missing ones, and removes this PC's own that are no longer wanted (another agent's,
 * told apart by the Note, are left alone). Open Dental refuses a duplicate live subscription, so
 * this lists first. `officeNow` is the office's wall clock, to tell live from stopped.
 */
export async function syncSubscriptions(
  client: OpenDentalClient,
  wanted: readonly WantedSubscription[],
  thisPc: string,
  officeNow: string,
): Promise<{ live: number; created: number; removed: number }> {
  const note = `${SUBSCRIPTION_NOTE} ${thisPc}`.slice(0, 255);
  const isLive = (s: OdSubscription) => s.DateTimeStop === null || s.DateTimeStop > officeNow;
  const mine = (await client.subscriptions.list()).filter(
    (s) => s.UiEventType === "PatientSelected" && s.Note === note && isLive(s),
  );
  const matches = (s: OdSubscription, w: WantedSubscription) =>
    s.EndPointUrl === w.url && s.Workstation.toUpperCase() === w.workstation;
  let created = 0;
  let removed = 0;
  for (const w of wanted) {
    if (mine.some((s) => matches(s, w))) continue;
    await client.subscriptions.create({
      EndPointUrl: w.url,
      Workstation: w.workstation,
      UiEventType: "PatientSelected",
      Note: note,
    });
    created++;
  }
  for (const s of mine) {
    if (wanted.some((w) => matches(s, w))) continue;
    await client.subscriptions.remove(s.SubscriptionNum);
    removed++;
  }
  return { live: wanted.length, created, removed };
}
