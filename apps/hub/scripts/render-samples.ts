/**
 * Writes the sample report of docs/renderings.md in every format to docs/renderings/, with PNG
 * pictures of the HTML (headless Chromium) and of the DOCX (LibreOffice to PDF, then pdftoppm)
 * when those programs are installed. Run: bun apps/hub/scripts/render-samples.ts
 */
import { mkdtempSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderDocx } from "../src/render/docx.ts";
import { renderHtml } from "../src/render/html.ts";
import { renderPlaintext } from "../src/render/plaintext.ts";
import { renderRtf } from "../src/render/rtf.ts";
import { GOLDEN_CASES } from "../test/support/render-fixtures.ts";

const out = join(import.meta.dir, "..", "..", "..", "docs", "renderings");

async function run(cmd: string[]): Promise<void> {
  const proc = Bun.spawn(cmd, { stdout: "ignore", stderr: "pipe" });
  if ((await proc.exited) !== 0) throw new Error(`${cmd[0]} failed: ${await new Response(proc.stderr).text()}`);
}

for (const name of ["fr", "ar"]) {
  const ctx = GOLDEN_CASES[name];
  if (!ctx) throw new Error(`no golden case ${name}`);
  const html = renderHtml(ctx);
  writeFileSync(join(out, `${name}.html`), html);
  writeFileSync(join(out, `${name}.rtf`), renderRtf(ctx));
  writeFileSync(join(out, `${name}.txt`), renderPlaintext(ctx));
  writeFileSync(join(out, `${name}.docx`), await renderDocx(ctx));
  const chromium = Bun.which("chromium");
  if (chromium) {
    const page = join(mkdtempSync(join(tmpdir(), "sofia-sample-")), "page.html");
    writeFileSync(page, `<!doctype html><meta charset="utf-8"><body style="margin:24px">${html}</body>`);
    await run([
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--disable-background-networking",
      "--window-size=800,640",
      `--screenshot=${join(out, `${name}-html.png`)}`,
      `file://${page}`,
    ]);
  }
  const soffice = Bun.which("soffice");
  if (soffice && Bun.which("pdftoppm")) {
    const dir = mkdtempSync(join(tmpdir(), "sofia-sample-"));
    const profile = mkdtempSync(join(tmpdir(), "sofia-lo-profile-"));
    await run([
      soffice,
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      join(out, `${name}.docx`),
    ]);
    await run([
      "pdftoppm",
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(dir, `${name}.pdf`),
      join(dir, "page"),
    ]);
    renameSync(join(dir, "page.png"), join(out, `${name}-docx.png`));
  }
}
console.log(`wrote ${readdirSync(out).sort().join(", ")} to ${out}`);
