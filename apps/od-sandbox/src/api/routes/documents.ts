import type { Hono } from "hono";
import { z } from "zod";
import { officeNow } from "../../clock.ts";
import { DefCategory } from "../../defcat.ts";
import { enumValue, ImageType } from "../../enums.ts";
import type { Condition } from "../../store/store.ts";
import { MAX_BODY_CHARS, readBody } from "../body.ts";
import { type ApiEnv, paramsOf, pathKey, type SandboxDeps, serverDateTime } from "../context.ts";
import { odError } from "../errors.ts";
import { boolField, dateTimeField, enumField, fkField, keyField, textField } from "../fields.ts";
import { loadLookups } from "../lookups.ts";
import { readPage } from "../paging.ts";
import { documentListView, documentView } from "../views/records.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const UploadBody = z.object({
  PatNum: keyField("PatNum"),
  rawBase64: z
    .string({ error: (i) => (i.input === undefined ? "rawBase64 is required." : "rawBase64 must be a string.") })
    .min(1, { error: "rawBase64 is required." })
    .max(MAX_BODY_CHARS)
    .refine((t) => t.length % 4 === 0 && BASE64.test(t), { error: "rawBase64 is not valid base64." }),
  extension: textField("extension", 10).refine((t) => /^\.[A-Za-z0-9]{1,9}$/.test(t), {
    error: 'extension must look like ".pdf".',
  }),
  Description: textField("Description", 255).optional(),
  DateCreated: dateTimeField("DateCreated").optional(),
  // [S18] calls DocCategory an ItemName but its example sends a DefNum; the sandbox takes either.
  DocCategory: z.union([fkField("DocCategory"), textField("DocCategory", 255)]).optional(),
  ImgType: enumField("ImgType", ["Document", "Radiograph", "Photo", "File", "Attachment"]).default("Document"),
  ToothNumbers: textField("ToothNumbers", 255).optional(),
  ProvNum: fkField("ProvNum").optional(),
  PrintHeading: boolField("PrintHeading").optional(),
});

/** `POST /documents/Upload` [S18], plus `GET /documents?PatNum=` and `GET /documents/{DocNum}` (metadata only). */
export function documentRoutes(app: Hono<ApiEnv>, deps: SandboxDeps): void {
  app.post("/documents/Upload", async (c) => {
    const body = await readBody(c, UploadBody);
    if (!body.ok) return body.response;
    const input = body.value;
    if (!(await deps.store.get("patient", input.PatNum))) return odError(c, 404, "Patient not found.");
    const categories = await deps.store.select("definition", {
      where: [{ column: "Category", op: "=", value: DefCategory.ImageCats }],
    });
    const category =
      input.DocCategory === undefined
        ? categories[0] // [S18]: "Default is first in DocCategory".
        : categories.find((d) => d.DefNum === input.DocCategory || d.ItemName === input.DocCategory);
    if (!category) return odError(c, 400, "DocCategory is invalid.");
    const row = await deps.store.insert("document", {
      PatNum: input.PatNum,
      Description: input.Description ?? "",
      DateCreated: input.DateCreated ?? officeNow(deps.clock),
      DocCategory: category.DefNum,
      ImgType: enumValue(ImageType, input.ImgType) ?? 0,
      ToothNumbers: input.ToothNumbers ?? "",
      ProvNum: input.ProvNum ?? 0,
      PrintHeading: input.PrintHeading === "true" ? 1 : 0,
      // [S18]: the upload waits in document.Note until a user opens it; the file name comes then.
      Note: `_rawBase64_:${input.extension}_${input.rawBase64}`,
    });
    return c.json(documentView(row, await loadLookups(deps.store)), 201);
  });

  app.get("/documents/:DocNum", async (c) => {
    const row = await deps.store.get("document", pathKey(c, "DocNum"));
    if (!row) return odError(c, 404, "Document not found.");
    return c.json(documentView(row, await loadLookups(deps.store)));
  });

  app.get("/documents", async (c) => {
    const params = paramsOf(c);
    const patNum = params.num("PatNum");
    if (patNum === undefined) return odError(c, 400, "PatNum is required");
    if (!(await deps.store.get("patient", patNum))) return odError(c, 404, "Patient not found");
    const where: Condition<"document">[] = [{ column: "PatNum", op: "=", value: patNum }];
    // [S18]: "ordered by DateCreated".
    const orderBy = [{ column: "DateCreated" as const }, { column: "DocNum" as const }];
    const rows = await deps.store.select("document", { where, orderBy, ...readPage(params, deps.mode) });
    const lookups = await loadLookups(deps.store);
    const now = serverDateTime(deps);
    return c.json(rows.map((row) => documentListView(row, lookups, now)));
  });
}
