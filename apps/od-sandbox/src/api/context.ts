import type { Context } from "hono";
import { type OfficeClock, officeNow } from "../clock.ts";
import type { FaultInjector } from "../control/faults.ts";
import type { OdStore } from "../store/store.ts";
import type { RowOf } from "../store/tables.ts";
import type { ApiMode } from "./mode.ts";
import { ParamError, Params } from "./params.ts";

/** What every route needs: the store, the office clock, the mode and the fault switchboard. */
export interface SandboxDeps {
  store: OdStore;
  clock: OfficeClock;
  mode: ApiMode;
  faults: FaultInjector;
}

/** Hono environment of `/api/v1`: the authenticated key travels in the context. */
export type ApiEnv = { Variables: { apiKey: RowOf<"apikey"> } };

/** The query parameters of a request. */
export function paramsOf(c: Context): Params {
  return new Params(c.req.query());
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
