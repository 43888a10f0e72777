import { z } from "zod";
import { ArgDate, ArgKey, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne, mayUse } from "../context.ts";
import { OdAppointment } from "../schemas/appointment.ts";
import { odList } from "../wire.ts";

const AptStatus = z.enum([
  "Scheduled",
  "Complete",
  "UnschedList",
  "ASAP",
  "Broken",
  "Planned",
  "PtNote",
  "PtNoteCompleted",
]);

/** Appointments GET criteria: a day or a range of days, an operatory, a patient, a status. */
export const AppointmentQuery = z
  .object({
    date: ArgDate.optional(),
    dateStart: ArgDate.optional(),
    dateEnd: ArgDate.optional(),
    Op: ArgKey.optional(),
    PatNum: ArgKey.optional(),
    AptStatus: AptStatus.optional(),
    ClinicNum: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((q) => !(q.date && (q.dateStart || q.dateEnd)), "give date or dateStart/dateEnd, not both");
export type AppointmentQuery = z.input<typeof AppointmentQuery>;

/**
 * Appointments (apiappointments.html). There is no ProvNum filter and no "current patient"
 * endpoint: find a chair's patient from a day's appointments in its operatory, judged by the
 * office's confirmation statuses (see `SetupApi.confirmationSetup`) and its clock.
 */
export class AppointmentsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** One appointment. */
  async get(aptNum: number): Promise<OdAppointment> {
    const id = checkArgs(ArgKey, aptNum, "GET /appointments/{id}");
    const spec = {
      method: "GET",
      path: `/appointments/${id}`,
      template: "/appointments/{id}",
      schema: OdAppointment,
    } as const;
    return fetchOne(this.ctx, spec);
  }

  /**
   * Every appointment matching `query`. The filters are applied again to the answer: an office
   * older than a filter may ignore it rather than refuse it, and a chair's patient must never be
   * taken from another operatory's appointment. Before 23.2.27 the `Op` filter is not sent at all.
   */
  async list(query: AppointmentQuery): Promise<OdAppointment[]> {
    const q = checkArgs(AppointmentQuery, query, "GET /appointments");
    const byOp = q.Op !== undefined && (await mayUse(this.ctx, "appointmentsByOperatory"));
    const rows = await fetchAll(this.ctx, {
      method: "GET",
      path: "/appointments",
      template: "/appointments",
      query: { ...q, Op: byOp ? q.Op : undefined },
      schema: odList(OdAppointment),
    });
    const from = q.date ?? q.dateStart;
    const to = q.date ?? q.dateEnd;
    return rows.filter(
      (a) =>
        (q.Op === undefined || a.Op === q.Op) &&
        (q.PatNum === undefined || a.PatNum === q.PatNum) &&
        (q.AptStatus === undefined || a.AptStatus === q.AptStatus) &&
        (q.ClinicNum === undefined || a.ClinicNum === q.ClinicNum) &&
        (from === undefined || (a.AptDateTime ?? "").slice(0, 10) >= from) &&
        (to === undefined || (a.AptDateTime ?? "").slice(0, 10) <= to),
    );
  }
}
