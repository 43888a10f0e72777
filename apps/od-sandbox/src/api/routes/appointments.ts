import type { Hono } from "hono";
import { z } from "zod";
import { DefCategory } from "../../defcat.ts";
import { AptStatus } from "../../enums.ts";
import { setConfirmed } from "../../services/confirm.ts";
import type { Condition } from "../../store/store.ts";
import { readBody } from "../body.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps, serverDateTime } from "../context.ts";
import { odError } from "../errors.ts";
import { enumField, keyField } from "../fields.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import type { Params } from "../params.ts";
import { appointmentView } from "../views/appointment.ts";

// Every status but "None" can be filtered on.
const FILTER_STATUSES = AptStatus.slice(1);
const CONFIRM_VALS = ["None", "Sent", "Confirmed", "Not Accepted", "Failed"] as const;

const ConfirmBody = z.object({
  confirmVal: enumField("confirmVal", CONFIRM_VALS).optional(),
  defNum: keyField("defNum").optional(),
});

/** `GET /appointments/{AptNum}`, `GET /appointments` with its filters, `PUT /appointments/{AptNum}/Confirm` [S9]. */
export function appointmentRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.get("/appointments/:AptNum", async (c) => {
    const apt = await deps.store.get("appointment", pathKey(c, "AptNum"));
    if (!apt) return odError(c, 404, "Appointment not found.");
    return c.json(appointmentView(apt, await loadLookups(deps.store), serverDateTime(deps)));
  });

  app.get("/appointments", async (c) => {
    const params = paramsOf(c);
    const page = readPage(params, deps.mode);
    const rows = await deps.store.select("appointment", { where: filters(params), ...page });
    const lookups = await loadLookups(deps.store);
    const now = serverDateTime(deps);
    return c.json(rows.map((a) => appointmentView(a, lookups, now)));
  });

  app.put("/appointments/:AptNum/Confirm", async (c) => {
    const aptNum = pathKey(c, "AptNum");
    const body = await readBody(c, ConfirmBody);
    if (!body.ok) return body.response;
    const { confirmVal, defNum } = body.value;
    if ((confirmVal === undefined) === (defNum === undefined)) {
      return odError(c, 400, "Either confirmVal or defNum is required, but not both.");
    }
    const apt = await deps.store.get("appointment", aptNum);
    if (!apt) return odError(c, 404, "Appointment not found.");
    const definitions = await deps.store.select("definition", {
      where: [{ column: "Category", op: "=", value: DefCategory.ApptConfirmed }],
    });
    // [S9]: "None" is the first ApptConfirmed definition; the office maps the other four in
    // eServices setup. Inferred: they name the definition whose ItemValue (or ItemName) they are.
    const target =
      defNum !== undefined
        ? definitions.find((d) => d.DefNum === defNum)
        : confirmVal === "None"
          ? definitions.sort((a, b) => a.ItemOrder - b.ItemOrder || a.DefNum - b.DefNum)[0]
          : definitions.find((d) =>
              [d.ItemValue, d.ItemName].some((t) => t.toLowerCase() === confirmVal?.toLowerCase()),
            );
    if (!target) {
      return odError(
        c,
        400,
        defNum !== undefined
          ? "defNum is not an ApptConfirmed definition."
          : "confirmVal is not set up in this office.",
      );
    }
    await setConfirmed(deps.store, deps.clock, apt, target.DefNum);
    // [S9]: "200 OK", no object.
    return c.body(null, 200);
  });
}

function filters(params: Params): Condition<"appointment">[] {
  const where: Condition<"appointment">[] = [];
  for (const column of ["PatNum", "Op", "ClinicNum", "AppointmentTypeNum"] as const) {
    const value = params.num(column);
    if (value !== undefined) where.push({ column, op: "=", value });
  }
  const status = params.enum("AptStatus", AptStatus, FILTER_STATUSES);
  if (status !== undefined) where.push({ column: "AptStatus", op: "=", value: status });
  // A date range on AptDateTime, as the schema advises instead of DATE(AptDateTime) [S30].
  const date = params.date("date");
  const start = date ?? params.date("dateStart");
  const end = date ?? params.date("dateEnd");
  if (start) where.push({ column: "AptDateTime", op: ">=", value: `${start} 00:00:00` });
  if (end) where.push({ column: "AptDateTime", op: "<=", value: `${end} 23:59:59` });
  const stamp = params.dateTime("DateTStamp");
  if (stamp) where.push({ column: "DateTStamp", op: ">=", value: stamp });
  return where;
}
