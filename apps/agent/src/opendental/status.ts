import { DEFAULT_URLS } from "@sofia/opendental";
import { z } from "zod";
import type { OpenDentalService } from "./service.ts";

const Text = z.string().max(2048);

/** What the status page and `sofia-agent status` show about Open Dental. Ids only, no names. */
export const OdStatus = z.object({
  connected: z.boolean(),
  /** The endpoint requests go to now, as a mode (`service`, `remote`…), or null. */
  in_use: z.string().max(16).nullable(),
  endpoints: z
    .array(z.object({ mode: z.string().max(16), url: Text, state: z.string().max(16), problem: Text.nullable() }))
    .max(3),
  version: z.string().max(32).nullable(),
  features: z.record(z.string().max(64), z.string().max(16)),
  problem: Text.nullable(),
  settings: z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean(), z.null()])),
  doctors: z
    .array(
      z.object({
        doctor_id: z.string().max(64),
        provider: z.number(),
        operatories: z.array(z.number()).max(50),
        workstations: z.array(z.string().max(64)).max(50),
      }),
    )
    .max(50),
  current: z
    .array(
      z.object({
        workstation: z.string().max(64),
        source: z.string().max(16),
        pat_num: z.number(),
        since: z.string().max(40),
      }),
    )
    .max(200),
  events: z.object({
    listening: Text.nullable(),
    problem: Text.nullable(),
    subscriptions: z.number(),
    subscription_problem: Text.nullable(),
  }),
});
export type OdStatus = z.infer<typeof OdStatus>;

/** Builds the Open Dental part of the status snapshot from the running service. */
export function openDentalStatus(service: OpenDentalService): OdStatus {
  const settings = service.currentSettings();
  const office = service.currentOffice();
  const connection = office?.client.status();
  const features = service.lastFeatures();
  const problem = office?.lastProblem();
  const feed = service.chairFeed();
  const endpoints = settings.endpoints.map((e, i) => {
    const known = connection?.endpoints[i];
    const problem = known?.state === "down" && known.lastFailure ? known.lastFailure.code : null;
    return { mode: e.mode, url: e.url || DEFAULT_URLS[e.mode], state: known?.state ?? "unknown", problem };
  });
  return {
    connected: office !== null,
    in_use: connection?.active?.mode ?? null,
    endpoints,
    version: features?.version ?? null,
    features: features ? { ...features.features } : {},
    problem:
      service.keyProblem() ??
      (office === null
        ? settings.endpoints.length === 0
          ? "not connected: run sofia-agent opendental connect --url URL --developer-key KEY --customer-key KEY"
          : "no keys stored: run sofia-agent opendental connect again"
        : problem
          ? `${problem.code} on ${problem.request} (${problem.action.replace("_", " ")}) at ${new Date(problem.at).toISOString()}`
          : null),
    settings: {
      "patient-sources": settings["patient-sources"].join(","),
      "note-code": settings["note-code"],
      signed: settings.signed,
      "attach-docx": settings["attach-docx"],
      "write-as": settings["write-as"],
      "selection-max-age": settings["selection-max-age"],
      "chair-binding": settings["chair-binding"],
      "chair-binding-window": settings["chair-binding-window"],
      review: settings.review,
    },
    doctors: Object.entries(settings.doctors).map(([doctor_id, m]) => ({
      doctor_id,
      provider: m.provider,
      operatories: m.operatories,
      workstations: m.workstations,
    })),
    current: service.selections.current().map((s) => ({
      workstation: s.workstation,
      source: s.source,
      pat_num: s.patNum,
      since: new Date(s.sinceMs).toISOString(),
    })),
    events: {
      listening: feed.listening,
      problem: feed.listenProblem,
      subscriptions: feed.subscriptions,
      subscription_problem: feed.subscriptionProblem,
    },
  };
}
