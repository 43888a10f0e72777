import type { Hono } from "hono";
import type { Condition } from "../../store/store.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps, serverDateTime } from "../context.ts";
import { odError } from "../errors.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import {
  computerView,
  definitionView,
  operatoryView,
  preferenceView,
  procedureCodeView,
  providerView,
} from "../views/setup.ts";

/**
 * The office's setup, read-only: providers [S37], operatories [S38], definitions [S39],
 * preferences [S43], procedure codes [S29] and workstations [S48].
 */
export function setupRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.get("/providers/:ProvNum", async (c) => {
    const provider = await deps.store.get("provider", pathKey(c, "ProvNum"));
    if (!provider) return odError(c, 404, "Provider not found.");
    return c.json(providerView(provider, serverDateTime(deps)));
  });
  // [S37]: filtered by ClinicNum or DateTStamp, "two different queries". With ClinicNum, hidden
  // providers are left out and serverDateTime is empty. The sandbox has no clinics, so every
  // visible provider serves every clinic. Inferred: both filters at once is a 400.
  app.get("/providers", async (c) => {
    const params = paramsOf(c);
    const stamp = params.dateTime("DateTStamp");
    const clinic = params.num("ClinicNum");
    if (stamp !== undefined && clinic !== undefined) {
      return odError(c, 400, "Use either ClinicNum or DateTStamp, not both.");
    }
    const where: Condition<"provider">[] = stamp ? [{ column: "DateTStamp", op: ">=", value: stamp }] : [];
    if (clinic !== undefined) where.push({ column: "IsHidden", op: "=", value: 0 });
    const rows = await deps.store.select("provider", { where, ...readPage(params, deps.mode) });
    const now = clinic === undefined ? serverDateTime(deps) : "";
    return c.json(rows.map((p) => providerView(p, now)));
  });

  app.get("/computers", async (c) => {
    const rows = await deps.store.select("computer", readPage(paramsOf(c), deps.mode));
    return c.json(rows.map(computerView));
  });

  app.get("/operatories/:OperatoryNum", async (c) => {
    const op = await deps.store.get("operatory", pathKey(c, "OperatoryNum"));
    if (!op) return odError(c, 404, "Operatory not found.");
    return c.json(operatoryView(op, await loadLookups(deps.store)));
  });
  app.get("/operatories", async (c) => {
    const params = paramsOf(c);
    const clinic = params.num("ClinicNum");
    const where: Condition<"operatory">[] =
      clinic !== undefined ? [{ column: "ClinicNum", op: "=", value: clinic }] : [];
    const orderBy = [{ column: "ItemOrder" as const }, { column: "OperatoryNum" as const }];
    const rows = await deps.store.select("operatory", { where, orderBy, ...readPage(params, deps.mode) });
    const lookups = await loadLookups(deps.store);
    return c.json(rows.map((o) => operatoryView(o, lookups)));
  });

  app.get("/definitions", async (c) => {
    const params = paramsOf(c);
    const where: Condition<"definition">[] = [];
    const category = params.num("Category");
    if (category !== undefined) where.push({ column: "Category", op: "=", value: category });
    if (!params.bool("includeHidden")) where.push({ column: "IsHidden", op: "=", value: 0 });
    const orderBy = [{ column: "Category" as const }, { column: "ItemOrder" as const }, { column: "DefNum" as const }];
    const rows = await deps.store.select("definition", { where, orderBy, ...readPage(params, deps.mode) });
    return c.json(rows.map(definitionView));
  });

  app.get("/preferences", async (c) => {
    const params = paramsOf(c);
    const name = params.text("PrefName");
    const where: Condition<"preference">[] = name ? [{ column: "PrefName", op: "=", value: name }] : [];
    const rows = await deps.store.select("preference", { where, ...readPage(params, deps.mode) });
    return c.json(rows.map(preferenceView));
  });

  app.get("/procedurecodes/:CodeNum", async (c) => {
    const code = await deps.store.get("procedurecode", pathKey(c, "CodeNum"));
    if (!code) return odError(c, 404, "Procedure code not found.");
    return c.json(procedureCodeView(code, await loadLookups(deps.store)));
  });
  app.get("/procedurecodes", async (c) => {
    const params = paramsOf(c);
    const stamp = params.dateTime("DateTStamp");
    const where: Condition<"procedurecode">[] = stamp ? [{ column: "DateTStamp", op: ">=", value: stamp }] : [];
    const rows = await deps.store.select("procedurecode", { where, ...readPage(params, deps.mode) });
    const lookups = await loadLookups(deps.store);
    return c.json(rows.map((p) => procedureCodeView(p, lookups)));
  });
}
