import { z } from "zod";

/** `GET /console/api/overview`, as the operator's view reads it. */
export const Overview = z.object({
  clinic_id: z.string(),
  at: z.string(),
  users: z.array(z.object({ role: z.string(), online: z.number() })),
  agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      doctor_id: z.string(),
      online: z.boolean(),
      last_heartbeat_at: z.string().nullable(),
      version: z.string().nullable(),
    }),
  ),
  reports: z.object({
    window_hours: z.number(),
    by_status: z.record(z.string(), z.number()),
    held: z.array(
      z.object({ id: z.string(), doctorId: z.string(), heldAt: z.string(), reason: z.string().nullable() }),
    ),
  }),
  webhook_failures: z.number(),
  rates: z
    .object({
      latencyP50Ms: z.number().nullable(),
      latencyP99Ms: z.number().nullable(),
      reconnectionsPerMinute: z.number().nullable(),
      messagesPerMinute: z.number().nullable(),
    })
    .nullable(),
});
export type Overview = z.infer<typeof Overview>;

/** The hub's report statuses in the operator's five buckets (and expired). */
const BUCKETS: Record<string, string> = {
  stored: "stored",
  sent: "delivered",
  acknowledged: "delivered",
  received: "delivered",
  written: "written",
  held: "held",
  failed: "failed",
  expired: "expired",
};

/** Counts per bucket, every bucket listed (zero included), in the order an operator reads them. */
export function buckets(byStatus: Record<string, number>): [string, number][] {
  const out = new Map<string, number>(
    ["stored", "delivered", "written", "held", "failed", "expired"].map((b) => [b, 0]),
  );
  for (const [status, n] of Object.entries(byStatus)) {
    const bucket = BUCKETS[status];
    if (bucket) out.set(bucket, (out.get(bucket) ?? 0) + n);
  }
  return [...out];
}
