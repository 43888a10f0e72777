import type { MiddlewareHandler } from "hono";
import { formatVersion, type OdVersion, officeVersion, parseVersion, versionAtLeast } from "../version.ts";
import type { ApiEnv, SandboxDeps } from "./context.ts";
import { odError } from "./errors.ts";
import { FIELD_GATES, type Gate, METHOD_GATES, PARAM_GATES, type PartGate } from "./gates.ts";

/** What an office too old for a query parameter or body field does with it. */
export type GatedParts = "reject" | "ignore";

/**
 * Answers as an office too old for the request would. A method added after the office's version
 * is a 400 "with explanation", as Open Dental documents ("The version of the dental office is not
 * high enough to use the specified API method" [S3]). For a newer query parameter or body field
 * Open Dental documents nothing: with `reject` (the default) the sandbox answers the same 400;
 * with `ignore` it drops the part and goes on, as an old office that does not know the field
 * probably would — a filter silently not applied, a field silently not honoured. Inferred: both
 * behaviours and the wording.
 */
export function versionGuard(deps: SandboxDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const version = await officeVersion(deps.store);
    const method = c.req.method;
    const resource = c.req.path.replace(/^\/api\/v1/, "");
    const applies = (g: Gate) => g.method === method && g.path.test(resource);
    const late = (g: Gate) => !versionAtLeast(version, parseVersion(g.since) ?? version);
    const methodGate = METHOD_GATES.find((g) => applies(g) && late(g));
    if (methodGate) return odError(c, 400, tooOld(version, methodGate));
    const query = c.req.query();
    const fields = method === "POST" || method === "PUT" ? await bodyFields(c.req.text()) : {};
    const used = (g: PartGate, values: Record<string, unknown>) =>
      g.part in values && values[g.part] !== "" && (!g.values || g.values.includes(String(values[g.part])));
    const parts = [
      ...PARAM_GATES.filter((g) => applies(g) && late(g) && used(g, query)),
      ...FIELD_GATES.filter((g) => applies(g) && late(g) && used(g, fields)),
    ];
    const [first] = parts;
    if (first && deps.gatedParts === "reject") return odError(c, 400, tooOld(version, first));
    c.set("ignored", new Set(parts.map((g) => g.part)));
    await next();
  };
}

function tooOld(version: OdVersion, gate: Gate): string {
  return (
    `The version of Open Dental at this office (${formatVersion(version)}) is not high enough for ${gate.name}, ` +
    `which needs version ${gate.since} or later.`
  );
}

async function bodyFields(text: Promise<string>): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  } catch {
    return {};
  }
}
