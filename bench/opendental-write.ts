/**
 * End-to-end latency of a report into Open Dental: POST /v1/reports → hub → agent (protocol v2)
 * → the sandbox's Open Dental API → `written` in the hub's timeline, per report, and the Open
 * Dental requests each report costs. Through the API Service (on-site, unthrottled) and through
 * the Remote API (paced at one request per second). Everything runs on this machine over real
 * HTTP and sockets, so the figures are the software's own cost, not a clinic network's.
 * Writes the figures into docs/opendental.md between its `od-figures` markers.
 * Run: bun bench/opendental-write.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { measureOdWrite } from "./harness/od-write.ts";

const pick = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
const rows: string[] = [];
for (const [mode, n] of [
  ["service", 50],
  ["remote", 3],
] as const) {
  const { samples, perReport } = await measureOdWrite(mode, n);
  const line = `| ${mode} | ${n} | ${pick(samples, 0.5).toFixed(0)} ms | ${pick(samples, 0.95).toFixed(0)} ms | ${(samples.at(-1) ?? 0).toFixed(0)} ms | ${perReport.toFixed(1)} |`;
  rows.push(line);
  console.log(line);
}

const commit = (await Bun.$`git rev-parse --short=12 HEAD`.quiet().nothrow()).stdout.toString().trim() || "unknown";
const block = [
  "| Endpoint | Reports | Median | 95th percentile | Slowest | Open Dental requests per report |",
  "| -------- | ------: | -----: | --------------: | ------: | ------------------------------: |",
  ...rows,
  "",
  `Measured by \`bun bench/opendental-write.ts\` at commit ${commit} with Bun ${Bun.version} on a machine with ${availableParallelism()} cores: hub, agent and sandbox on one machine over real HTTP and WebSockets, from \`POST /v1/reports\` to \`written\` in the report's timeline. Through the Remote API every request waits for its one-per-second slot.`,
].join("\n");
const docFile = join(import.meta.dir, "..", "docs", "opendental.md");
const doc = readFileSync(docFile, "utf8");
const begin = "<!-- od-figures:begin (bun bench/opendental-write.ts) -->";
const end = "<!-- od-figures:end -->";
const from = doc.indexOf(begin);
const to = doc.indexOf(end);
if (from < 0 || to < from) throw new Error("docs/opendental.md has no od-figures markers");
writeFileSync(docFile, `${doc.slice(0, from + begin.length)}\n${block}\n${doc.slice(to)}`);
console.log(`updated ${docFile}`);
