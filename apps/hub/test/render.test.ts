import { describe, expect, test } from "bun:test";
import { cleanText } from "../src/render/clean-text.ts";
import { sectionsOf } from "../src/render/context.ts";
import { escapeHtml } from "../src/render/html.ts";
import { localeFor } from "../src/render/locale.ts";
import { renderPlaintext } from "../src/render/plaintext.ts";
import { escapeRtf, renderRtf } from "../src/render/rtf.ts";
import { visibleLength, wrapLine } from "../src/render/wrap.ts";
import { renderContext, report } from "./support/render-fixtures.ts";

describe("escaping", () => {
  test("HTML escapes every markup character", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });

  test("RTF escapes braces, backslashes and every non-ASCII character as \\uN?", () => {
    expect(escapeRtf("{a}\\b")).toBe("\\{a\\}\\\\b");
    expect(escapeRtf("é")).toBe("\\u233?");
    expect(escapeRtf("ش")).toBe("\\u1588?");
    // U+1F600 is two UTF-16 units, each written as a signed 16-bit number.
    expect(escapeRtf("😀")).toBe("\\u-10179?\\u-8704?");
    expect(escapeRtf("a\tb")).toBe("a\\tab b");
    const rtf = renderRtf(renderContext({ report: report("x { y } \\z é\r\nnext") }));
    expect(rtf.startsWith("{\\rtf1")).toBe(true);
    expect(rtf).not.toMatch(/[^\x20-\x7e\n]/);
  });

  test("RTF braces stay balanced whatever the text", () => {
    const rtf = renderRtf(renderContext({ report: report("}}}{{{\\{"), patient: { name: "{\\" } }));
    let depth = 0;
    for (let i = 0; i < rtf.length; i++) {
      if (rtf[i] === "\\") i++;
      else if (rtf[i] === "{") depth++;
      else if (rtf[i] === "}") depth--;
      expect(depth).toBeGreaterThanOrEqual(i === rtf.length - 1 ? 0 : 1);
    }
    expect(depth).toBe(0);
  });

  test("control characters are dropped and lone surrogates replaced, emoji kept", () => {
    expect(cleanText("a\u0000b\u0007c\u001Fd\u007Fe\u0085f\uFFFF")).toBe("abcdef");
    expect(cleanText("tab\tlf\ncr\r")).toBe("tab\tlf\ncr\r");
    expect(cleanText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    expect(cleanText("🦷👩‍⚕️")).toBe("🦷👩‍⚕️");
  });
});

describe("plain-text wrapping", () => {
  test("breaks at spaces within the width and cuts only words longer than a line", () => {
    expect(wrapLine("short line", 20)).toEqual(["short line"]);
    expect(wrapLine("aaa bbb ccc ddd", 7)).toEqual(["aaa bbb", "ccc ddd"]);
    expect(wrapLine("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    expect(wrapLine(`  indented ${"w ".repeat(10)}`.trimEnd(), 12)[0]).toBe("  indented w");
    expect(wrapLine("no wrapping at width zero ".repeat(10), 0)).toHaveLength(1);
  });

  test("counts what a reader sees: an emoji or a flag is one character and is never split", () => {
    expect(visibleLength("👩‍⚕️🇫🇷é")).toBe(3);
    const pieces = wrapLine("🇫🇷".repeat(5), 2);
    expect(pieces).toEqual(["🇫🇷🇫🇷", "🇫🇷🇫🇷", "🇫🇷"]);
  });

  test("the count without the segmenter (Latin text) is the segmenter's count", () => {
    const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
    const graphemes = (text: string) => [...segmenter.segment(text)].length;
    // Every character of the fast path, each between two others, and next to what combines.
    for (let code = 0x20; code <= 0x24f; code++) {
      if (code > 0x7e && code < 0xa0) continue;
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}b`, `${c}${c}${c}`, `${c}\u0301`, `${c}\r\n`]) {
        expect([text, visibleLength(text)]).toEqual([text, graphemes(text)]);
      }
    }
    expect(visibleLength("Ça coûte 5 € — déjà payé")).toBe(graphemes("Ça coûte 5 € — déjà payé"));
  });

  test("every wrapped line fits, and no word is lost", () => {
    const text = `${"lorem ipsum dolor ".repeat(30)}${"z".repeat(200)}`;
    const lines = wrapLine(text, 50);
    for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(50);
    expect(lines.join("").replaceAll(" ", "")).toBe(text.replaceAll(" ", ""));
  });

  test("CRLF line endings only when the clinic asks", () => {
    const lf = renderPlaintext(renderContext({ report: report("a\r\nb") }));
    expect(lf).not.toContain("\r");
    const crlf = renderPlaintext(renderContext({ report: report("a\nb"), layout: { plaintextLineEnding: "crlf" } }));
    expect(crlf.split("\r\n").length).toBe(crlf.split("\n").length);
    expect(crlf).toContain("HISTORY\r\n-------\r\na\r\nb");
  });
});

describe("languages and clinic layouts", () => {
  test("titles follow the language's primary subtag; unknown languages fall back to English", () => {
    expect(sectionsOf(renderContext({ language: "de-AT" }))[0]?.title).toBe("Anamnese");
    expect(sectionsOf(renderContext({ language: "fr" }))[2]?.title).toBe("Diagnostic");
    expect(sectionsOf(renderContext({ language: "sw" }))[0]?.title).toBe("History");
  });

  test("right-to-left for Arabic, Hebrew, Persian and Urdu, and for any Arabic-script tag", () => {
    for (const tag of ["ar", "ar-MA", "he", "fa", "ur", "az-Arab"]) expect(localeFor(tag).direction).toBe("rtl");
    for (const tag of ["en", "fr-CA", "az-Latn", "zh-Hans"]) expect(localeFor(tag).direction).toBe("ltr");
  });

  test("a clinic's order comes first and the rest follow; no section is ever dropped", () => {
    const keys = sectionsOf(renderContext({ layout: { order: ["recommendation", "diagnosis"] } })).map((s) => s.key);
    expect(keys).toEqual(["recommendation", "diagnosis", "history", "findings", "procedure"]);
  });

  test("a clinic's titles: per language first, then for every language", () => {
    const layout = { titles: { fr: { history: "Motif" }, "*": { history: "Anamnesis", findings: "Exam" } } };
    const fr = sectionsOf(renderContext({ language: "fr-CA", layout }));
    expect(fr.map((s) => s.title).slice(0, 2)).toEqual(["Motif", "Exam"]);
    expect(sectionsOf(renderContext({ language: "en", layout }))[0]?.title).toBe("Anamnesis");
  });
});
