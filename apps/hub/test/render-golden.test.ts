import { describe, test } from "bun:test";
import { strFromU8, unzipSync } from "fflate";
import { renderDocx } from "../src/render/docx.ts";
import { renderHtml } from "../src/render/html.ts";
import { renderPlaintext } from "../src/render/plaintext.ts";
import { renderRtf } from "../src/render/rtf.ts";
import { expectGolden } from "./support/golden.ts";
import { GOLDEN_CASES } from "./support/render-fixtures.ts";

/** The parts of a DOCX that carry its content and language; the rest holds timestamps. */
const DOCX_PARTS = ["word/document.xml", "word/styles.xml"];

describe("renderings match their golden files", () => {
  for (const [name, ctx] of Object.entries(GOLDEN_CASES)) {
    test(`${name}: HTML, RTF, plain text and DOCX`, async () => {
      expectGolden(`${name}.html`, renderHtml(ctx));
      expectGolden(`${name}.rtf`, renderRtf(ctx));
      expectGolden(`${name}.txt`, renderPlaintext(ctx));
      const files = unzipSync(await renderDocx(ctx));
      for (const part of DOCX_PARTS) {
        const xml = files[part];
        if (!xml) throw new Error(`the DOCX has no ${part}`);
        expectGolden(`${name}.${part.replace("word/", "docx-")}`, strFromU8(xml));
      }
    });
  }
});
