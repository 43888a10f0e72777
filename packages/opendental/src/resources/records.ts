import { z } from "zod";
import { ArgDateTime, ArgKey, argText, checkArgs } from "../args.ts";
import { type ApiContext, fetchAll, fetchOne } from "../context.ts";
import { OdCommlog, OdDocument, OdDocumentListItem } from "../schemas/records.ts";
import { odList } from "../wire.ts";

/** A communication log entry to add (Commlogs POST). Commlogs cannot be deleted through the API. */
export const NewCommlog = z
  .object({
    PatNum: ArgKey,
    Note: argText(65_535).min(1),
    CommDateTime: ArgDateTime.optional(),
    /** A CommLogTypes definition's name (Category 27); default "Misc". */
    commType: argText(255).optional(),
    Mode_: z
      .enum(["None", "Email", "Mail", "Phone", "In Person", "Text", "Email and Text", "Phone and Text"])
      .optional(),
    SentOrReceived: z.enum(["Neither", "Sent", "Received"]).optional(),
  })
  .strict();
export type NewCommlog = z.input<typeof NewCommlog>;

/** A document to upload (Documents POST Upload; needs the Documents permission). */
export const NewDocument = z
  .object({
    PatNum: ArgKey,
    /** The file as base64; the whole body must stay under 16.8M characters. */
    rawBase64: z
      .string()
      .min(1)
      .max(16_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64"),
    /** ".pdf", ".docx", … */
    extension: z.string().regex(/^\.[A-Za-z0-9]{1,9}$/),
    Description: argText(255).optional(),
    DateCreated: ArgDateTime.optional(),
    /** An ImageCats definition (Category 18): its DefNum (as the documented example sends). */
    DocCategory: ArgKey.optional(),
    ImgType: z.enum(["Document", "Radiograph", "Photo", "File", "Attachment"]).optional(),
  })
  .strict();
export type NewDocument = z.input<typeof NewDocument>;

/** Commlogs (apicommlogs.html): "for non-clinical patient communication", but some practices want them. */
export class CommlogsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** A patient's commlogs. */
  async list(patNum: number): Promise<OdCommlog[]> {
    const PatNum = checkArgs(ArgKey, patNum, "GET /commlogs");
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/commlogs",
      template: "/commlogs",
      query: { PatNum },
      schema: odList(OdCommlog),
    });
  }

  /**
   * Adds a commlog (needs the Comm permission). Null when the office is older than 23.3.7 and
   * answers without the new commlog: find it with {@link list}.
   */
  async post(commlog: NewCommlog, options: { reportId?: string } = {}): Promise<OdCommlog | null> {
    const body = checkArgs(NewCommlog, commlog, "POST /commlogs");
    const created = await fetchOne(this.ctx, {
      method: "POST",
      path: "/commlogs",
      template: "/commlogs",
      body,
      schema: OdCommlog,
      allowEmpty: true,
      ...(options.reportId === undefined ? {} : { reportId: options.reportId }),
    });
    return created ?? null;
  }
}

/** Documents in the Images module (apidocuments.html). */
export class DocumentsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** A patient's documents and mounts (metadata only), ordered by DateCreated. */
  async list(patNum: number): Promise<OdDocumentListItem[]> {
    const PatNum = checkArgs(ArgKey, patNum, "GET /documents");
    return fetchAll(this.ctx, {
      method: "GET",
      path: "/documents",
      template: "/documents",
      query: { PatNum },
      schema: odList(OdDocumentListItem),
    });
  }

  /** Uploads a file into a patient's Images; it stays in the database until someone opens it. */
  async upload(document: NewDocument, options: { reportId?: string } = {}): Promise<OdDocument> {
    const body = checkArgs(NewDocument, document, "POST /documents/Upload");
    return fetchOne(this.ctx, {
      method: "POST",
      path: "/documents/Upload",
      template: "/documents/Upload",
      body,
      schema: OdDocument,
      ...(options.reportId === undefined ? {} : { reportId: options.reportId }),
    });
  }
}
