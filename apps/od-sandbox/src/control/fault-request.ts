import { z } from "zod";

const target = {
  method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
  /** A resource path prefix under /api/v1, e.g. "/procnotes". */
  path: z.string().startsWith("/").max(200).optional(),
  count: z.number().int().min(1).max(1000).default(1),
};

/**
 * The body of `POST /_sandbox/fail`: which fault, for which requests, how many times. With
 * `afterWrite`, the request is carried out first (a write is committed) and only its answer is
 * lost: what a client sees when Open Dental did the work but the answer never came back.
 */
export const FaultRequest = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    afterWrite: z.boolean().default(false),
    ...target,
  }),
  z.object({ kind: z.enum(["timeout", "reset"]), afterWrite: z.boolean().default(false), ...target }),
  z.object({ kind: z.enum(["version", "econnector"]), ...target }),
]);
export type FaultRequest = z.infer<typeof FaultRequest>;
