import { z } from "zod";
import { DefCategory } from "../defcat.ts";
import type { OdStore } from "../store/store.ts";
import { boolField, dateField, enumField, fkField, keyField, moneyField, textField, timeField } from "./fields.ts";

/** ProcStatus values POST accepts: TP, C, EO, and since 25.1.14 EC, R, Cn [S7]. */
export const POST_STATUSES = ["TP", "C", "EO", "EC", "R", "Cn"] as const;

/** The body of `POST /procedurelogs` [S7]: the required fields, then the optional ones the sandbox keeps. */
export const ProcedureBody = z.object({
  PatNum: keyField("PatNum"),
  ProcDate: dateField("ProcDate"),
  ProcStatus: enumField("ProcStatus", POST_STATUSES),
  CodeNum: keyField("CodeNum").optional(),
  procCode: textField("procCode", 15).optional(),
  AptNum: fkField("AptNum").optional(),
  ProcFee: moneyField("ProcFee").optional(),
  ProvNum: fkField("ProvNum").optional(),
  ClinicNum: fkField("ClinicNum").optional(),
  Priority: fkField("Priority").optional(),
  priority: textField("priority", 255).optional(),
  Dx: fkField("Dx").optional(),
  dxName: textField("dxName", 255).optional(),
  PlannedAptNum: fkField("PlannedAptNum").optional(),
  Prognosis: fkField("Prognosis").optional(),
  SiteNum: fkField("SiteNum").optional(),
  ToothNum: textField("ToothNum", 2).optional(),
  Surf: textField("Surf", 10).optional(),
  ToothRange: textField("ToothRange", 100).optional(),
  ClaimNote: textField("ClaimNote", 80).optional(),
  BillingNote: textField("BillingNote", 255).optional(),
  Discount: moneyField("Discount").optional(),
  DateTP: dateField("DateTP").optional(),
  ProcTime: timeField("ProcTime").optional(),
  ProcTimeEnd: timeField("ProcTimeEnd").optional(),
  IsDateProsthEst: boolField("IsDateProsthEst").optional(),
});
export type ProcedureBody = z.infer<typeof ProcedureBody>;

/** The `Priority` and `Dx` DefNums of a body, or the 400 message when they cannot be had. */
export type DefinitionPair = { ok: true; Priority?: number; Dx?: number } | { ok: false; message: string };

/**
 * Resolves the two DefNum/text pairs of ProcedureLogs POST: "Priority and priority, Dx and dxName"
 * may "only have one of the two passed in at once" [S7]. The text twin is a definition's ItemName
 * in TxPriorities (Category 20) or Diagnosis (Category 16) [S30]; with neither, the category's
 * first definition [S7]. Inferred: names compare case-insensitively, and an unknown name is a 400.
 */
export async function resolveDefinitionPairs(store: OdStore, body: ProcedureBody): Promise<DefinitionPair> {
  if (body.Priority !== undefined && body.priority !== undefined) {
    return { ok: false, message: "Only one of Priority and priority may be passed." };
  }
  if (body.Dx !== undefined && body.dxName !== undefined) {
    return { ok: false, message: "Only one of Dx and dxName may be passed." };
  }
  const definitions = async (category: number) =>
    store.select("definition", {
      where: [{ column: "Category", op: "=", value: category }],
      orderBy: [{ column: "ItemOrder" }, { column: "DefNum" }],
    });
  const resolve = async (category: number, num: number | undefined, name: string | undefined) => {
    const defs = await definitions(category);
    if (name !== undefined) return defs.find((d) => d.ItemName.toLowerCase() === name.toLowerCase())?.DefNum;
    // [S7]: "Default is the first definition in that Category"; 0 when the office has none.
    return num ?? defs.find((d) => !d.IsHidden)?.DefNum ?? 0;
  };
  const Priority = await resolve(DefCategory.TxPriorities, body.Priority, body.priority);
  if (Priority === undefined) return { ok: false, message: "priority is invalid." };
  const Dx = await resolve(DefCategory.Diagnosis, body.Dx, body.dxName);
  if (Dx === undefined) return { ok: false, message: "dxName is invalid." };
  return { ok: true, Priority, Dx };
}
