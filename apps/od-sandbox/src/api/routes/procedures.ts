import type { Hono } from "hono";
import { officeNow, officeToday } from "../../clock.ts";
import { enumValue, ProcStat } from "../../enums.ts";
import { keyPref } from "../../services/prefs.ts";
import type { Condition } from "../../store/store.ts";
import type { RowOf } from "../../store/tables.ts";
import { readBody } from "../body.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps, serverDateTime } from "../context.ts";
import { odError } from "../errors.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import { ProcedureBody, resolveDefinitionPairs } from "../procedure-body.ts";
import { procedureView } from "../views/procedure.ts";

/** `GET /procedurelogs/{ProcNum}`, `GET /procedurelogs` and `POST /procedurelogs` [S7]. */
export function procedureRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  const respond = async (rows: RowOf<"procedurelog">[]) => {
    const [codes, lookups] = await Promise.all([deps.store.select("procedurecode"), loadLookups(deps.store)]);
    const byNum = new Map(codes.map((code) => [code.CodeNum, code]));
    const now = serverDateTime(deps);
    return rows.map((p) => procedureView(p, byNum.get(p.CodeNum), lookups, now));
  };

  app.get("/procedurelogs/:ProcNum", async (c) => {
    const proc = await deps.store.get("procedurelog", pathKey(c, "ProcNum"));
    if (!proc) return odError(c, 404, "Procedure not found.");
    return c.json((await respond([proc]))[0]);
  });

  app.get("/procedurelogs", async (c) => {
    const params = paramsOf(c);
    const where: Condition<"procedurelog">[] = [];
    for (const column of ["PatNum", "AptNum", "PlannedAptNum", "ClinicNum", "CodeNum"] as const) {
      const value = params.num(column);
      if (value !== undefined) where.push({ column, op: "=", value });
    }
    const status = params.enum("ProcStatus", ProcStat);
    if (status !== undefined) where.push({ column: "ProcStatus", op: "=", value: status });
    const stamp = params.dateTime("DateTStamp");
    if (stamp) where.push({ column: "DateTStamp", op: ">=", value: stamp });
    const rows = await deps.store.select("procedurelog", { where, ...readPage(params, deps.mode) });
    return c.json(await respond(rows));
  });

  app.post("/procedurelogs", async (c) => {
    const body = await readBody(c, ProcedureBody);
    if (!body.ok) return body.response;
    const { PatNum, ProcStatus, CodeNum, procCode, AptNum, priority: _p, dxName: _d, ...rest } = body.value;
    if ((CodeNum === undefined) === (procCode === undefined)) {
      return odError(c, 400, "Either procCode or CodeNum is required, but not both.");
    }
    const pairs = await resolveDefinitionPairs(deps.store, body.value);
    if (!pairs.ok) return odError(c, 400, pairs.message);
    const patient = await deps.store.get("patient", PatNum);
    if (!patient) return odError(c, 404, "Patient not found.");
    const [code] =
      CodeNum !== undefined
        ? [await deps.store.get("procedurecode", CodeNum)]
        : await deps.store.select("procedurecode", { where: [{ column: "ProcCode", op: "=", value: procCode ?? "" }] });
    if (!code) return odError(c, 400, CodeNum !== undefined ? "CodeNum is invalid." : "procCode is invalid.");
    const apt = AptNum ? await deps.store.get("appointment", AptNum) : undefined;
    if (AptNum && !apt) return odError(c, 404, "Appointment not found.");
    if (apt && apt.PatNum !== PatNum) return odError(c, 400, "AptNum does not belong to this patient.");
    if (rest.ProvNum && !(await deps.store.get("provider", rest.ProvNum)))
      return odError(c, 400, "ProvNum is invalid.");
    const status = enumValue(ProcStat, ProcStatus) ?? 1;
    const today = officeToday(deps.clock);
    const proc = await deps.store.insert("procedurelog", {
      ...rest,
      IsDateProsthEst: rest.IsDateProsthEst === "true" ? 1 : 0,
      Priority: pairs.Priority,
      Dx: pairs.Dx,
      PatNum,
      AptNum: AptNum ?? 0,
      CodeNum: code.CodeNum,
      ProcStatus: status,
      // Default provider: the appointment's, else the patient's, else the office's [S7].
      ProvNum: rest.ProvNum || apt?.ProvNum || patient.PriProv || (await keyPref(deps.store, "PracticeDefaultProv")),
      ClinicNum: rest.ClinicNum ?? patient.ClinicNum,
      // Inferred: the sandbox keeps no fee schedules, so the fee defaults to 0.
      ProcFee: rest.ProcFee ?? 0,
      BaseUnits: code.BaseUnits,
      UnitQty: 1,
      // Set on insert whatever the status ([S30]: "set automatically when Insert"), as both
      // documented examples show for TP procedures.
      DateEntryC: today,
      // [S7]: "Defaults to the date the procedure was created."
      DateTP: rest.DateTP ?? today,
      SecDateEntry: officeNow(deps.clock),
    });
    const [view] = await respond([proc]);
    // As ProcedureLogs POST's documented example answers: ClinicNum as text, DateTStamp and
    // serverDateTime empty. Kept so that clients accept it; a GET of the new ProcNum is complete.
    return c.json({ ...view, ClinicNum: String(proc.ClinicNum), DateTStamp: "", serverDateTime: "" }, 201);
  });
}
