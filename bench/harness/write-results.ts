/**
 * Writes a run's results: the JSON as it is, and the Markdown table into a document between its
 * `bench:begin` / `bench:end` markers (the prose around them, written by people, is kept).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BenchResults } from "./bench-run.ts";
import { renderMarkdown } from "./report.ts";

const BEGIN = "<!-- bench:begin (npm run bench writes this part) -->";
const END = "<!-- bench:end -->";

/** Writes `results` to `jsonFile` and its table into `markdownFile` (created with the markers if missing). */
export function writeResults(results: BenchResults, jsonFile: string, markdownFile: string): void {
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  const doc = existsSync(markdownFile) ? readFileSync(markdownFile, "utf8") : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${markdownFile} has no ${BEGIN} … ${END} markers`);
  writeFileSync(markdownFile, `${doc.slice(0, from + BEGIN.length)}\n\n${renderMarkdown(results)}\n\n${doc.slice(to)}`);
}
