import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { needProgram } from "@sofia/testing";

/** LibreOffice's `soffice`, which `.ci/run` installs: tests skip without it outside CI and fail without it in CI. */
export const SOFFICE = needProgram(
  "LibreOffice",
  ["soffice", "libreoffice"],
  "apt-get install -y libreoffice-writer-nogui",
);

/**
 * Converts documents to UTF-8 text with LibreOffice headless, all in one run (it takes seconds to
 * start), with a throwaway profile so parallel runs do not fight over a lock. Returns each input's
 * text by file name.
 */
export async function convertToText(soffice: string, files: string[]): Promise<Map<string, string>> {
  const outDir = mkdtempSync(join(tmpdir(), "sofia-lo-out-"));
  const profile = mkdtempSync(join(tmpdir(), "sofia-lo-profile-"));
  const proc = Bun.spawn(
    [
      soffice,
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "txt:Text (encoded):UTF8",
      "--outdir",
      outDir,
      ...files,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  if (code !== 0) throw new Error(`soffice exited with ${code}: ${stderr}`);
  const texts = new Map<string, string>();
  for (const file of files) {
    const name = basename(file);
    const text = readFileSync(join(outDir, name.replace(/\.[^.]+$/, ".txt")), "utf8");
    texts.set(name, text.replace(/^\uFEFF/, ""));
  }
  return texts;
}
