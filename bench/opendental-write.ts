/**
 * End-to-end latency of a report into Open Dental: POST /v1/reports → hub → agent (protocol v2)
 * → the sandbox's Open Dental API → `written` in the hub's timeline, per report, and the Open
 * Dental requests each report costs. Through the API Service (on-site, unthrottled) and through
 * the Remote API (paced at one request per second). Everything runs on this machine over real
 * HTTP and sockets, so the figures are the software's own cost, not a clinic network's.
 * Writes the figures into docs/opendental.md between its `od-figures` markers.
 * Run: bun bench/opendental-write.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { until } from "@sofia/testing";
import { TestClinic } from "../apps/agent/test/support/od-clinic.ts";

const GARCIA = { name: "Mateo Garcia", birthdate: "1979-07-30" };
const dir = mkdtempSync(join(tmpdir(), "od-bench-"));

async function measure(mode: "service" | "remote", reports: number) {
  let requests = 0;
  const counting = ((input: Request | string | URL, init?: RequestInit) => {
    requests++;
    return fetch(input, init);
  }) as typeof fetch;
  const clinic = await TestClinic.open({
    db: join(dir, `${mode}.sqlite`),
    protocol: "v2",
    mode,
    fetch: counting,
    ...(mode === "remote" ? { workstations: [], settings: { "patient-sources": "appointment" } } : {}),
  });
  try {
    if (mode === "service") await clinic.select(clinic.office.ids.patient("Mateo", "Garcia"));
    await clinic.agent.settled();
    const samples: number[] = [];
    const before = requests;
    for (let i = 0; i < reports; i++) {
      const started = performance.now();
      const id = await clinic.publish(GARCIA, `bench-${i}`);
      await until(
        `${id} written`,
        async () => (await clinic.hub.store.reports.timeline(id)).some((e) => e.type === "written"),
        { timeoutMs: 120_000, everyMs: 2 },
      );
      samples.push(performance.now() - started);
    }
    return { samples: samples.sort((a, b) => a - b), perReport: (requests - before) / reports };
  } finally {
    await clinic.close();
  }
}

const pick = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
const rows: string[] = [];
for (const [mode, n] of [
  ["service", 50],
  ["remote", 3],
] as const) {
  const { samples, perReport } = await measure(mode, n);
  const line = `| ${mode} | ${n} | ${pick(samples, 0.5).toFixed(0)} ms | ${pick(samples, 0.95).toFixed(0)} ms | ${(samples.at(-1) ?? 0).toFixed(0)} ms | ${perReport.toFixed(1)} |`;
  rows.push(line);
  console.log(line);
}
rmSync(dir, { recursive: true, force: true });

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
