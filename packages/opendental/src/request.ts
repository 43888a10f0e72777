import type { z } from "zod";
import type { ApiMode } from "./endpoints.ts";

/** An HTTP method of Open Dental's API. */
export type OdMethod = "GET" | "POST" | "PUT" | "DELETE";

/** A query parameter value; undefined parameters are left out. */
export type QueryValue = string | number | boolean | undefined;

/** One request to Open Dental, as the resource modules describe it to the transport. */
export interface RequestSpec<T> {
  method: OdMethod;
  /** The resource path under `/api/v1`, ids filled in: "/patients/48". */
  path: string;
  /** The same path with ids replaced, for errors and logs: "/patients/{id}". */
  template: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The answer's schema, or null when no body is expected (PUT/DELETE answer a bare 200). */
  schema: z.ZodType<T> | null;
  /** A 2xx with an empty body is accepted and yields undefined (Commlogs POST before 23.3.7). */
  allowEmpty?: boolean;
  /** For lists: the page's Offset; the transport adds the answering endpoint's Limit. */
  offset?: number;
  /** For lists: a smaller Limit than the endpoint's maximum (one row is enough for a clock reading). */
  pageSize?: number;
  /** For writes: the report this write is for, so that two are never in flight together. */
  reportId?: string;
}

/** A successful answer: the parsed value, which endpoint gave it, and the page size it used. */
export interface Answer<T> {
  value: T;
  mode: ApiMode;
  /** The Limit sent, for lists. */
  limit?: number;
}

/** "GET /patients/{id}": a request named without ids or values. */
export function requestName(spec: { method: OdMethod; template: string }): string {
  return `${spec.method} ${spec.template}`;
}

/** The request's URL under `base`, with its query (and the page's Limit/Offset when paged). */
export function requestUrl(base: string, spec: RequestSpec<unknown>, limit: number | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  if (limit !== undefined) {
    params.set("Limit", String(limit));
    if (spec.offset) params.set("Offset", String(spec.offset));
  }
  const query = params.toString().replaceAll("+", "%20");
  return `${base}${spec.path}${query ? `?${query}` : ""}`;
}
