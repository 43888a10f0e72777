import { describe, expect, test } from "bun:test";
import type { RenderContext } from "../src/render/context.ts";
import { escapeHtml, renderHtml } from "../src/render/html.ts";
import { renderPlaintext } from "../src/render/plaintext.ts";
import { escapeRtf, renderRtf } from "../src/render/rtf.ts";

const ctx = (history: string): RenderContext => ({
  report: { history, findings: "F", diagnosis: "D", procedure: "P", recommendation: "R" },
  patient: { name: "Zoë <O'Brien>", birthdate: "1980-04-02" },
  doctorName: "Dr. A",
  clinicName: "Clinic & Co",
  createdAt: "2026-11-21T09:30:00.000Z",
});

describe("inline renderings (escaping)", () => {
  test("HTML escapes every markup character of untrusted text", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
    const html = renderHtml(ctx("<img src=x onerror=alert(1)>"));
    expect(html).not.toContain("<img");
    expect(html).toContain("Zoë &lt;O&#39;Brien&gt;");
    expect(html).toContain("Clinic &amp; Co");
  });

  test("RTF escapes braces, backslashes and every non-ASCII character as \\uN?", () => {
    expect(escapeRtf("{a}\\b")).toBe("\\{a\\}\\\\b");
    expect(escapeRtf("é")).toBe("\\u233?");
    expect(escapeRtf("ش")).toBe("\\u1588?");
    // U+1F600 is two UTF-16 units, each written as a signed 16-bit number.
    expect(escapeRtf("😀")).toBe("\\u-10179?\\u-8704?");
    expect(escapeRtf("a\r\nb\tc")).toBe("a\\line b\\tab c");
    const rtf = renderRtf(ctx("x { y } \\z"));
    expect(rtf.startsWith("{\\rtf1")).toBe(true);
    expect(rtf.endsWith("}")).toBe(true);
    expect(rtf).not.toMatch(/[^\x20-\x7e\n]/);
  });

  test("RTF braces stay balanced whatever the text", () => {
    const rtf = renderRtf(ctx("}}}{{{\\{"));
    let depth = 0;
    for (let i = 0; i < rtf.length; i++) {
      if (rtf[i] === "\\") i++;
      else if (rtf[i] === "{") depth++;
      else if (rtf[i] === "}") depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  test("plain text has the header and every section under its heading", () => {
    const text = renderPlaintext(ctx("line 1\r\nline 2"));
    expect(text).toContain("Patient: Zoë <O'Brien>");
    expect(text).toContain("HISTORY\n-------\nline 1\nline 2");
    expect(text).toContain("RECOMMENDATION\n--------------\nR");
  });
});
