import type { Hono } from "hono";
import { z } from "zod";
import { officeNow } from "../../clock.ts";
import { DefCategory } from "../../defcat.ts";
import { CommItemMode, CommSentOrReceived, enumValue } from "../../enums.ts";
import type { Condition } from "../../store/store.ts";
import { officeVersion, parseVersion, versionAtLeast } from "../../version.ts";
import { readBody } from "../body.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps } from "../context.ts";
import { odError } from "../errors.ts";
import { dateTimeField, enumField, fkField, keyField, textField } from "../fields.ts";
import { COMMLOG_POST_RETURNS_OBJECT } from "../gates.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import { commlogView } from "../views/records.ts";

const MODES = ["None", "Email", "Mail", "Phone", "In Person", "Text", "Email and Text", "Phone and Text"] as const;

const CommlogBody = z.object({
  PatNum: keyField("PatNum"),
  Note: textField("Note", 65_535),
  CommDateTime: dateTimeField("CommDateTime").optional(),
  CommType: fkField("CommType").optional(),
  commType: textField("commType", 255).optional(),
  Mode_: enumField("Mode_", MODES).default("Phone"),
  SentOrReceived: enumField("SentOrReceived", ["Neither", "Sent", "Received"]).default("Sent"),
});

/** `GET /commlogs/{CommlogNum}`, `GET /commlogs`, `POST /commlogs` with its defaults [S17]. */
export function commlogRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.get("/commlogs/:CommlogNum", async (c) => {
    const row = await deps.store.get("commlog", pathKey(c, "CommlogNum"));
    if (!row) return odError(c, 404, "Commlog not found.");
    return c.json(commlogView(row, await loadLookups(deps.store)));
  });

  app.get("/commlogs", async (c) => {
    const params = paramsOf(c);
    const where: Condition<"commlog">[] = [];
    const patNum = params.num("PatNum");
    if (patNum !== undefined) where.push({ column: "PatNum", op: "=", value: patNum });
    const stamp = params.dateTime("DateTStamp");
    if (stamp) where.push({ column: "DateTStamp", op: ">=", value: stamp });
    const rows = await deps.store.select("commlog", { where, ...readPage(params, deps.mode) });
    const lookups = await loadLookups(deps.store);
    return c.json(rows.map((row) => commlogView(row, lookups)));
  });

  app.post("/commlogs", async (c) => {
    const body = await readBody(c, CommlogBody);
    if (!body.ok) return body.response;
    const input = body.value;
    if (!(await deps.store.get("patient", input.PatNum))) return odError(c, 404, "Patient not found.");
    const types = await deps.store.select("definition", {
      where: [{ column: "Category", op: "=", value: DefCategory.CommLogTypes }],
    });
    // `commType` (an ItemName) wins over `CommType` (a DefNum); the default is Miscellaneous [S17].
    // Inferred: "Miscellaneous" is the first CommLogTypes definition whose name starts with "Misc".
    const type = input.commType
      ? types.find((d) => d.ItemName.toLowerCase() === input.commType?.toLowerCase())
      : input.CommType !== undefined
        ? types.find((d) => d.DefNum === input.CommType)
        : types.find((d) => d.ItemName.toLowerCase().startsWith("misc"));
    if (!type && (input.commType || input.CommType !== undefined)) {
      return odError(c, 400, input.commType ? "commType is invalid." : "CommType is invalid.");
    }
    const now = officeNow(deps.clock);
    const row = await deps.store.insert("commlog", {
      PatNum: input.PatNum,
      Note: input.Note,
      CommDateTime: input.CommDateTime ?? now,
      CommType: type?.DefNum ?? 0,
      Mode_: enumValue(CommItemMode, input.Mode_) ?? 3,
      SentOrReceived: enumValue(CommSentOrReceived, input.SentOrReceived) ?? 1,
      // Inferred: CommSource "User" (0), as [S17]'s example shows, and UserNum 0.
      CommSource: 0,
      DateTEntry: now,
    });
    // [S17]: "Prior to version 23.3.7, the response would not include the commlog object."
    const since = parseVersion(COMMLOG_POST_RETURNS_OBJECT);
    if (since && !versionAtLeast(await officeVersion(deps.store), since)) return c.body(null, 201);
    return c.json(commlogView(row, await loadLookups(deps.store)), 201);
  });
}
