import type { Context } from "hono";
import { type OfficeClock, officeNow } from "../clock.ts";
import type { FaultInjector } from "../control/faults.ts";
import type { OdStore } from "../store/store.ts";
import type { RowOf } from "../store/tables.ts";
import type { ApiMode } from "./mode.ts";
import { ParamError, Params } from "./params.ts";
import type { GatedParts } from "./version-guard.ts";

/** What every route needs: the store, the office clock, the mode and the fault switchboard. */
export interface SandboxDeps {
  store: OdStore;
  clock: OfficeClock;
  mode: ApiMode;
  faults: FaultInjector;
  /** What the office does with query parameters and body fields newer than its version. */
  gatedParts: GatedParts;
}

/**
 * Hono environment of `/api/v1`: the authenticated key, and the query parameters and body fields
 * an office too old for them ignores (see `versionGuard`).
 */
export type ApiEnv = { Variables: { apiKey: RowOf<"apikey">; ignored: ReadonlySet<string> } };

/** The query parameters of a request, without those the office's version ignores. */
export function paramsOf(c: Context): Params {
  const ignored: ReadonlySet<string> = c.get("ignored") ?? new Set();
  return new Params(Object.fromEntries(Object.entries(c.req.query()).filter(([name]) => !ignored.has(name))));
}

/** A primary key from the path (`/patients/{PatNum}`). */
export function pathKey(c: Context, name: string): number {
  const text = c.req.param(name) ?? "";
  if (!/^\d{1,15}$/.test(text) || Number(text) === 0) throw new ParamError(`${name} is not valid.`);
  return Number(text);
}

/** The office-local time stamped on responses as `serverDateTime` [S3]. */
export function serverDateTime(deps: SandboxDeps): string {
  return officeNow(deps.clock);
}
