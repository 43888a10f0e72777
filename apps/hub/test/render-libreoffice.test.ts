import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanText } from "../src/render/clean-text.ts";
import { linesOf, sectionsOf } from "../src/render/context.ts";
import { renderDocx } from "../src/render/docx.ts";
import { renderRtf } from "../src/render/rtf.ts";
import { convertToText, SOFFICE } from "./support/libreoffice.ts";
import { GOLDEN_CASES } from "./support/render-fixtures.ts";

/**
 * Asserts that every section's title and every line of its text appear in the converted text, in
 * order: a reader that opened the file sees the whole report and nothing out of place.
 */
function expectSectionsInOrder(text: string, expected: string[]): void {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let at = 0;
  for (const want of expected) {
    const found = lines.indexOf(want.trim(), at);
    expect({ missing: want, found: found >= 0 }).toEqual({ missing: want, found: true });
    at = found + 1;
  }
}

describe.skipIf(SOFFICE.skip)("LibreOffice opens the RTF and DOCX renderings with every section intact", () => {
  test("every golden case, both formats", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sofia-lo-in-"));
    const files: string[] = [];
    for (const [name, ctx] of Object.entries(GOLDEN_CASES)) {
      writeFileSync(join(dir, `${name}.rtf`), renderRtf(ctx));
      writeFileSync(join(dir, `${name}-docx.docx`), await renderDocx(ctx));
      files.push(join(dir, `${name}.rtf`), join(dir, `${name}-docx.docx`));
    }
    SOFFICE.check();
    const texts = await convertToText(SOFFICE.path, files);
    for (const [name, ctx] of Object.entries(GOLDEN_CASES)) {
      const expected = [
        ...sectionsOf(ctx).flatMap((s) => [s.title, ...linesOf(s.text).filter((l) => l.trim() !== "")]),
      ];
      for (const file of [`${name}.rtf`, `${name}-docx.docx`]) {
        const text = texts.get(file) ?? "";
        expectSectionsInOrder(text, expected);
        if (ctx.patient?.name) expect(text).toContain(cleanText(ctx.patient.name));
      }
    }
  }, 120_000);
});
