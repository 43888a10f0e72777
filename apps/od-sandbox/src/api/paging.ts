import { type ApiMode, MODES } from "./mode.ts";
import { ParamError, type Params } from "./params.ts";

/** A page of a list: `Limit` rows from `Offset` [S3]. */
export interface Page {
  limit: number;
  offset: number;
}

/**
 * Reads `Limit` and `Offset`. `Limit` defaults to the mode's hard maximum (100 remote, 1,000 local
 * and service) and is capped at it. Inferred: a larger `Limit` is capped silently, not refused.
 */
export function readPage(params: Params, mode: ApiMode): Page {
  const max = MODES[mode].pageLimit;
  const limit = params.num("Limit");
  // Inferred: Limit=0 is refused rather than read as "the default".
  if (limit === 0) throw new ParamError("Limit must be greater than 0.");
  return { limit: Math.min(limit ?? max, max), offset: params.num("Offset") ?? 0 };
}
