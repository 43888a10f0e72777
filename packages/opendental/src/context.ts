import { OdErrorCode, OpenDentalError } from "./errors.ts";
import type { FeatureTracker } from "./features.ts";
import { type Answer, type RequestSpec, requestName } from "./request.ts";
import { GATED_FEATURES, type GatedFeature } from "./version.ts";

/** What the resource modules build on: sending, paging, and the office's gated features. */
export interface ApiContext {
  send<T>(spec: RequestSpec<T>): Promise<Answer<T>>;
  features: FeatureTracker;
  /** Reads the office's version if the last reading is stale. */
  refreshFeatures(): Promise<void>;
  /** The most rows a list is paged through before giving up (`too_many_rows`). */
  maxRows: number;
}

/** Sends a request and returns its parsed answer. */
export async function fetchOne<T>(ctx: ApiContext, spec: RequestSpec<T>): Promise<T> {
  return (await ctx.send(spec)).value;
}

/** Every row of a list, page by page (apiimplementation.html, "Pagination"). */
export async function fetchAll<T>(ctx: ApiContext, spec: Omit<RequestSpec<T[]>, "offset">): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const { value, limit } = await ctx.send({ ...spec, offset: rows.length });
    rows.push(...value);
    // A page shorter than the Limit sent is the last. A page of exactly 100 is read past anyway:
    // that is the Remote API's hard limit, which an endpoint configured with the wrong mode
    // would apply to a larger Limit — stopping there would drop rows without a word.
    const last = value.length === 0 || (value.length < (limit ?? Number.POSITIVE_INFINITY) && value.length % 100 !== 0);
    if (last) return rows;
    if (rows.length >= ctx.maxRows) {
      throw new OpenDentalError({ code: OdErrorCode.TOO_MANY_ROWS, request: requestName(spec) });
    }
  }
}

/**
 * Whether to use a gated feature now: reads the office's version if needed, then answers from it.
 * "unknown" (the office did not report a version) counts as usable: the office's answer decides.
 */
export async function mayUse(ctx: ApiContext, feature: GatedFeature): Promise<boolean> {
  await ctx.refreshFeatures();
  return ctx.features.support(feature) !== "unsupported";
}

/** The error for a feature the office lacks, raised before sending anything. */
export function tooOld(feature: GatedFeature, request: string): OpenDentalError {
  return new OpenDentalError({
    code: OdErrorCode.VERSION_TOO_OLD,
    request,
    feature: GATED_FEATURES[feature].name,
    explanation: `The office's Open Dental is older than ${GATED_FEATURES[feature].since}, which ${GATED_FEATURES[feature].name} needs.`,
  });
}

/**
 * Runs `send`; when the office answers that it is too old, marks `feature` unsupported and returns
 * undefined so the caller can degrade. (A 400 means the office did nothing.)
 */
export async function unlessTooOld<T>(
  ctx: ApiContext,
  feature: GatedFeature,
  send: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof OpenDentalError) || error.code !== OdErrorCode.VERSION_TOO_OLD) throw error;
    ctx.features.refuse(feature);
    return undefined;
  }
}

/** A caller's argument that cannot be sent: refused before anything goes out. */
export function invalidArgument(request: string, explanation: string): OpenDentalError {
  return new OpenDentalError({ code: OdErrorCode.BAD_REQUEST, request, explanation });
}
