import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { headerLines, type RenderContext, sectionsOf } from "./context.ts";

/** The report as a Word document: a title, the header block, then one heading and body per section. */
export async function renderDocx(ctx: RenderContext): Promise<Uint8Array<ArrayBuffer>> {
  const header = headerLines(ctx).map(
    (l) => new Paragraph({ children: [new TextRun({ text: `${l.label}: `, bold: true }), new TextRun(l.value)] }),
  );
  const sections = sectionsOf(ctx.report).flatMap((s) => [
    new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_2 }),
    // One paragraph per line keeps the report's own line breaks.
    ...s.text.split(/\r\n?|\n/).map((line) => new Paragraph({ text: line })),
  ]);
  const document = new Document({
    creator: "Sofia Bridge",
    title: "Clinical report",
    sections: [
      {
        children: [new Paragraph({ text: "Clinical report", heading: HeadingLevel.HEADING_1 }), ...header, ...sections],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
