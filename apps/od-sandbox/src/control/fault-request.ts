import { z } from "zod";

/** The body of `POST /_sandbox/fail`: which fault, for which requests, how many times. */
export const FaultRequest = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
    path: z.string().startsWith("/").max(200).optional(),
    count: z.number().int().min(1).max(1000).default(1),
  }),
  z.object({
    kind: z.enum(["timeout", "version"]),
    method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
    path: z.string().startsWith("/").max(200).optional(),
    count: z.number().int().min(1).max(1000).default(1),
  }),
]);
export type FaultRequest = z.infer<typeof FaultRequest>;
