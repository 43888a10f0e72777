import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { cleanText } from "../src/render/clean-text.ts";
import { linesOf } from "../src/render/context.ts";
import { renderHtml } from "../src/render/html.ts";
import { renderContext, report } from "./support/render-fixtures.ts";

const ALLOWED_TAGS = new Set(["article", "h1", "table", "tbody", "tr", "th", "td", "bdi", "section", "h2", "p", "br"]);
const ALLOWED_ATTRIBUTES = new Set(["class", "lang", "dir", "style", "scope", "data-section"]);

interface Parsed {
  tags: string[];
  attributes: { name: string; value: string }[];
  /** Text of each section's paragraph, entities decoded, `<br>` as a line break. */
  sectionTexts: string[];
}

/** Parses HTML with Bun's HTMLRewriter (lol-html, a spec-following tokenizer) and collects what a browser would build. */
async function parse(html: string): Promise<Parsed> {
  const parsed: Parsed = { tags: [], attributes: [], sectionTexts: [] };
  let inParagraph = false;
  const rewriter = new HTMLRewriter().on("*", {
    element(el) {
      parsed.tags.push(el.tagName);
      for (const [name, value] of el.attributes) parsed.attributes.push({ name, value });
      if (el.tagName === "p") {
        inParagraph = true;
        parsed.sectionTexts.push("");
        el.onEndTag(() => {
          inParagraph = false;
        });
      }
      if (el.tagName === "br" && inParagraph) parsed.sectionTexts[parsed.sectionTexts.length - 1] += "\n";
    },
    text(chunk) {
      if (inParagraph) parsed.sectionTexts[parsed.sectionTexts.length - 1] += chunk.text;
    },
  });
  await rewriter.transform(new Response(html)).text();
  const decode = (s: string) =>
    s.replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
    );
  parsed.sectionTexts = parsed.sectionTexts.map(decode);
  return parsed;
}

const hostileFragment = fc.constantFrom(
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "</p></section><script>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  "<!--",
  "-->",
  "<![CDATA[",
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  "&lt;script&gt;",
  "<style>*{}</style>",
  "<bdi>",
  "\u0000",
  "\r\n",
  "<br>",
);
const hostileText = fc
  .array(fc.oneof(hostileFragment, fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("HTML rendering is inert whatever the report says", () => {
  test("no input adds an element, an attribute or an event handler; every character comes back as text", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileText, async (history, name, clinic) => {
        const ctx = renderContext({ report: report(history), patient: { name: name || "x" }, clinicName: clinic });
        const parsed = await parse(renderHtml(ctx));
        for (const tag of parsed.tags) expect(ALLOWED_TAGS.has(tag)).toBe(true);
        for (const a of parsed.attributes) expect(ALLOWED_ATTRIBUTES.has(a.name)).toBe(true);
        expect(parsed.tags.filter((t) => t === "section")).toHaveLength(5);
        expect(parsed.tags.filter((t) => t === "p")).toHaveLength(5);
        expect(parsed.sectionTexts[0]).toBe(linesOf(cleanText(history)).join("\n"));
      }),
      { numRuns: 300 },
    );
  });
});
