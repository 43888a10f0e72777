import { z } from "zod";
import { ArgDate, ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne, mayUse, tooOld, unlessTooOld } from "../context.ts";
import { OdProcedure } from "../schemas/procedure.ts";
import { odList } from "../wire.ts";

const ProcStatus = z.enum(["TP", "C", "EC", "EO", "R", "D", "Cn", "TPi"]);

/** ProcedureLogs GET criteria. */
export const ProcedureQuery = z
  .object({ PatNum: ArgKey.optional(), AptNum: ArgKey.optional(), ProcStatus: ProcStatus.optional() })
  .strict()
  .refine((q) => q.PatNum !== undefined || q.AptNum !== undefined, "give PatNum or AptNum");
export type ProcedureQuery = z.input<typeof ProcedureQuery>;

/** A new procedure: ProcedureLogs POST's required fields and the optional ones a writer uses. */
export const NewProcedure = z
  .object({
    PatNum: ArgKey,
    ProcDate: ArgDate,
    /** POST takes TP, C, EO, and since 25.1.14 EC, R, Cn. */
    ProcStatus: z.enum(["TP", "C", "EO", "EC", "R", "Cn"]),
    /** The code, as looked up with `SetupApi.procedureCode`: sent by CodeNum where the office takes it, else by procCode. */
    code: z.object({ CodeNum: ArgKey, ProcCode: argText(15).min(1) }),
    AptNum: ArgKey.optional(),
    ProvNum: ArgKey.optional(),
    ClinicNum: z.number().int().min(0).optional(),
  })
  .strict();
export type NewProcedure = z.input<typeof NewProcedure>;

/** Procedures (apiprocedurelogs.html). A procedure is never deleted by this client. */
export class ProceduresApi {
  constructor(private readonly ctx: ApiContext) {}

  /** One procedure (since 23.3.13). */
  async get(procNum: number): Promise<OdProcedure> {
    const id = checkArgs(ArgKey, procNum, "GET /procedurelogs/{id}");
    const spec = {
      method: "GET",
      path: `/procedurelogs/${id}`,
      template: "/procedurelogs/{id}",
      schema: OdProcedure,
    } as const;
    return fetchOne(this.ctx, spec);
  }

  /**
   * Every procedure of a patient or an appointment. Filters are applied again to the answer; an
   * office older than 22.3.32 cannot filter by AptNum, so the patient's procedures are fetched
   * and filtered here (which needs PatNum).
   */
  async list(query: ProcedureQuery): Promise<OdProcedure[]> {
    const request = "GET /procedurelogs";
    const q = checkArgs(ProcedureQuery, query, request);
    const byApt = q.AptNum !== undefined && (await mayUse(this.ctx, "proceduresByAppointment"));
    if (q.AptNum !== undefined && !byApt && q.PatNum === undefined) throw tooOld("proceduresByAppointment", request);
    const rows = await fetchAll(this.ctx, {
      method: "GET",
      path: "/procedurelogs",
      template: "/procedurelogs",
      // ProcStatus as a filter is 25.2.21; filtering here works on every version.
      query: { PatNum: q.PatNum, AptNum: byApt ? q.AptNum : undefined },
      schema: odList(OdProcedure),
    });
    return rows.filter(
      (p) =>
        (q.PatNum === undefined || p.PatNum === q.PatNum) &&
        (q.AptNum === undefined || p.AptNum === q.AptNum) &&
        (q.ProcStatus === undefined || p.ProcStatus === q.ProcStatus),
    );
  }

  /**
   * Creates a procedure (ProcedureLogs POST; needs the ProcedureLogs permission). By CodeNum on
   * offices from 25.2.21, by procCode before — and by procCode again if the office refuses
   * CodeNum as too new, which it does without writing anything. The answer's DateTStamp may be
   * empty (null), as the documented example shows.
   */
  async create(procedure: NewProcedure, options: { reportId?: string } = {}): Promise<OdProcedure> {
    const { code, ...fields } = checkArgs(NewProcedure, procedure, "POST /procedurelogs");
    const post = (byCode: { CodeNum: number } | { procCode: string }) =>
      fetchOne(this.ctx, {
        method: "POST",
        path: "/procedurelogs",
        template: "/procedurelogs",
        body: { ...fields, ...byCode },
        schema: OdProcedure,
        ...(options.reportId === undefined ? {} : { reportId: options.reportId }),
      });
    if (await mayUse(this.ctx, "procedureCodeNum")) {
      const created = await unlessTooOld(this.ctx, "procedureCodeNum", () => post({ CodeNum: code.CodeNum }));
      if (created) return created;
    }
    return post({ procCode: code.ProcCode });
  }
}
