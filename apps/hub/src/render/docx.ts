import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { headerLines, linesOf, type RenderContext, sectionsOf } from "./context.ts";
import { isolate, localeFor } from "./locale.ts";

/**
 * The report as a Word document, built with `docx`: a title, the header block, then a Heading 2
 * and a paragraph (its lines kept as line breaks) for each section. The document's language is the report's (Word's
 * spelling and hyphenation follow it), and right-to-left languages get right-to-left paragraphs
 * and runs throughout.
 */
export async function renderDocx(ctx: RenderContext): Promise<Uint8Array<ArrayBuffer>> {
  const locale = localeFor(ctx.language);
  const rtl = locale.direction === "rtl";
  const language = rtl ? { value: locale.tag, bidirectional: locale.tag } : { value: locale.tag };
  // Language and direction are set once in the document defaults: per run they would double the
  // XML and the time to build it. Bold has a complex-script twin that applies to Arabic or Hebrew.
  const run = (text: string, bold = false) =>
    bold ? new TextRun({ text, bold, boldComplexScript: true }) : new TextRun(text);
  const paragraph = (options: ConstructorParameters<typeof Paragraph>[0] & object) =>
    new Paragraph({ bidirectional: rtl, alignment: AlignmentType.START, ...options });
  const header = headerLines(ctx, locale).map((l) =>
    paragraph({ spacing: { after: 40 }, children: [run(`${l.label}: `, true), run(isolate(l.value, locale))] }),
  );
  const sections = sectionsOf(ctx, locale).flatMap((s) => [
    paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [run(s.title)] }),
    // One paragraph per section with a line break per line: a paragraph per line made a
    // 50,000-line report take over a second to build.
    paragraph({ children: linesOf(s.text).map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1 })) }),
  ]);
  const document = new Document({
    creator: "Sofia Bridge",
    title: locale.strings.documentTitle,
    styles: {
      default: {
        document: {
          run: { font: "Arial", size: 22, sizeComplexScript: 22, language, rightToLeft: rtl },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: { font: "Arial", size: 32, sizeComplexScript: 32, bold: true, boldComplexScript: true },
          paragraph: { spacing: { after: 200 } },
        },
        heading2: {
          run: { font: "Arial", size: 26, sizeComplexScript: 26, bold: true, boldComplexScript: true },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
      },
    },
    sections: [
      {
        children: [
          paragraph({ heading: HeadingLevel.HEADING_1, children: [run(locale.strings.documentTitle)] }),
          ...header,
          ...sections,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
