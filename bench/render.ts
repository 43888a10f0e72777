/**
 * Render time of the largest report the hub accepts (MAX_REPORT_TEXT_CHARS), per format, to set
 * and check the render time budget (DEFAULT_RENDER_BUDGET_MS). Run: bun bench/render.ts
 */
import { MAX_REPORT_TEXT_CHARS } from "@sofia/protocol";
import { renderDocx } from "../apps/hub/src/render/docx.ts";
import { renderHtml } from "../apps/hub/src/render/html.ts";
import { renderPlaintext } from "../apps/hub/src/render/plaintext.ts";
import { DEFAULT_RENDER_BUDGET_MS } from "../apps/hub/src/render/pool-settings.ts";
import { renderRtf } from "../apps/hub/src/render/rtf.ts";
import { renderContext, report } from "../apps/hub/test/support/render-fixtures.ts";

const size = MAX_REPORT_TEXT_CHARS;
const cases = {
  "long prose (en)": report(
    `${"The patient reports sensitivity to cold on the lower left. ".repeat(size / 60)}`.slice(0, size - 200),
  ),
  "one short line per row": report("x\n".repeat(size / 2 - 200)),
  "Arabic with emoji": report("نص عربي طويل 🦷 ".repeat(size / 16 - 50)),
  "one 100k-char word": report("y".repeat(size - 200)),
};

async function time(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

console.log(`largest report: ${size} characters; budget ${DEFAULT_RENDER_BUDGET_MS} ms per rendering\n`);
console.log("case                      | HTML ms | RTF ms | text ms | DOCX ms | worst / budget");
for (const [name, content] of Object.entries(cases)) {
  const ctx = renderContext({ report: content, language: name.includes("Arabic") ? "ar" : "en" });
  const html = await time(() => renderHtml(ctx));
  const rtf = await time(() => renderRtf(ctx));
  const text = await time(() => renderPlaintext(ctx));
  const docx = await time(() => renderDocx(ctx));
  const ms = [html, rtf, text, docx];
  // Inline formats share one job (one budget); DOCX has its own, per download.
  const worst = Math.max(html + rtf + text, docx);
  console.log(
    `${name.padEnd(25)} | ${ms.map((m) => m.toFixed(1).padStart(7)).join(" | ")} | ${(worst / DEFAULT_RENDER_BUDGET_MS).toFixed(3)}`,
  );
}
