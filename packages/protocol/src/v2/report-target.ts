import { z } from "zod";

// A leaf module: the notification catalog uses these too, and must not import v2/messages.ts.

/** What the client did with a report. */
export const ClientReportStatus = z.enum(["received", "written", "held", "failed"]);
export type ClientReportStatus = z.infer<typeof ClientReportStatus>;

/** Ids of what a report became in the target system, e.g. `{system:"opendental", ids:{ProcNum: 5}}`. */
export const TargetRef = z.object({
  system: z.string().min(1).max(32),
  ids: z
    .record(z.string().max(64), z.union([z.string().max(128), z.number()]))
    .refine((r) => Object.keys(r).length <= 20, {
      message: "at most 20 ids",
    }),
});
export type TargetRef = z.infer<typeof TargetRef>;
