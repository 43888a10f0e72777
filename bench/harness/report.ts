/**
 * Turns a run's results into the Markdown table of docs/benchmarks.md: the median of each figure
 * per server, the hub's ratio to the peer (Socket.IO) and to the ceiling, and each target with
 * whether this run met it.
 */
import type { BenchResults } from "./bench-run.ts";
import type { Column } from "./scenarios.ts";
import { median } from "./stats.ts";

interface Row {
  label: string;
  metric: string;
  unit: (v: number) => string;
  target?: { text: string; met: (m: (metric: string, c: Column) => number | undefined) => boolean | undefined };
}

const COLUMNS: Column[] = ["hub v1", "hub v2", "ceiling", "Socket.IO"];
const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
const perS = (v: number) => `${Math.round(v).toLocaleString("en-US")}/s`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const cpuMs = (v: number) => `${v.toFixed(2)} ms`;
const count = (v: number) => Math.round(v).toLocaleString("en-US");
const s = (v: number) => `${v.toFixed(1)} s`;
const atMost = (a: number | undefined, b: number) => (a === undefined ? undefined : a <= b);
const ratioAtLeast = (a: number | undefined, b: number | undefined, r: number) =>
  a === undefined || b === undefined ? undefined : a >= r * b;

const ROWS: Row[] = [
  {
    label: "idle memory per authenticated connection",
    metric: "idle.bytes",
    unit: kb,
    target: {
      text: "≤ 4 KB on v1 and v2",
      met: (m) => {
        const v1 = atMost(m("idle.bytes", "hub v1"), 4096);
        const v2 = atMost(m("idle.bytes", "hub v2"), 4096);
        return v1 === undefined || v2 === undefined ? undefined : v1 && v2;
      },
    },
  },
  {
    label: "connect + authenticate",
    metric: "connect.rate",
    unit: perS,
    target: {
      text: "≥ 2× Socket.IO",
      met: (m) => ratioAtLeast(m("connect.rate", "hub v2"), m("connect.rate", "Socket.IO"), 2),
    },
  },
  {
    label: "publish, 8 in flight: accepted",
    metric: "publish8.rate",
    unit: perS,
    target: {
      text: "≥ 0.4× ceiling",
      met: (m) => ratioAtLeast(m("publish8.rate", "hub v2"), m("publish8.rate", "ceiling"), 0.4),
    },
  },
  { label: "publish → delivery p50, 8 in flight", metric: "publish8.p50", unit: ms },
  {
    label: "publish → delivery p99, 8 in flight",
    metric: "publish8.p99",
    unit: ms,
    target: { text: "< 20 ms", met: (m) => atMost(m("publish8.p99", "hub v2"), 19.999) },
  },
  { label: "publish → delivery max, 8 in flight", metric: "publish8.max", unit: ms },
  { label: "publish, 32 in flight: accepted", metric: "publish32.rate", unit: perS },
  { label: "publish → delivery p50, 32 in flight", metric: "publish32.p50", unit: ms },
  { label: "publish → delivery p99, 32 in flight", metric: "publish32.p99", unit: ms },
  { label: "publish → delivery max, 32 in flight", metric: "publish32.max", unit: ms },
  { label: "fixed rate: publish → delivery p50", metric: "fixedRate.p50", unit: ms },
  { label: "fixed rate: publish → delivery p99", metric: "fixedRate.p99", unit: ms },
  {
    label: "server CPU per report, published and delivered at 8 in flight",
    metric: "publish8.cpuPerReport",
    unit: cpuMs,
  },
  {
    label: "drain to 10 doctors",
    metric: "drain.rate",
    unit: perS,
    target: {
      text: "≥ 0.4× ceiling",
      met: (m) => ratioAtLeast(m("drain.rate", "hub v2"), m("drain.rate", "ceiling"), 0.4),
    },
  },
  { label: "server CPU per report, published and drained", metric: "drain.cpuPerReport", unit: cpuMs },
  {
    label: "reconnect storm: all resumed after the kill",
    metric: "storm.seconds",
    unit: s,
    target: { text: "< 30 s", met: (m) => atMost(m("storm.seconds", "hub v2"), 29.999) },
  },
  { label: "reconnect storm: hub restart (kill → listening)", metric: "storm.restartMs", unit: ms },
  {
    label: "reconnect storm: accepted reports lost",
    metric: "storm.lost",
    unit: count,
    target: { text: "0", met: (m) => atMost(m("storm.lost", "hub v2"), 0) },
  },
  {
    label: "reconnect storm: reports handed over twice",
    metric: "storm.duplicated",
    unit: count,
    target: { text: "0", met: (m) => atMost(m("storm.duplicated", "hub v2"), 0) },
  },
  { label: "end to end into Open Dental p50", metric: "e2e.p50", unit: ms },
  { label: "end to end into Open Dental p99", metric: "e2e.p99", unit: ms },
];

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? "" : `${(a / b).toFixed(2)}×`;

/** The Markdown for a run: machine, the table of medians, ratios and targets, and notes. */
export function renderMarkdown(r: BenchResults): string {
  const m = (metric: string, c: Column) => median(r.figures[metric]?.[c] ?? []);
  const lines = [
    `Run of ${r.machine.date.slice(0, 16).replace("T", " ")} UTC at commit ${r.machine.commit}: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Linux ${r.machine.kernel}; Bun ${r.machine.bun}, Node ${r.machine.node}, Socket.IO ${r.machine.socketio}. Load average before / after: ${r.machine.loadAverageBefore.join(" ")} / ${r.machine.loadAverageAfter.join(" ")}.`,
    "",
    `Medians of ${r.plan.reps} interleaved repetition(s). ${r.plan.idle.toLocaleString("en-US")} idle connections; ${r.plan.connect.toLocaleString("en-US")} clients connecting 100 at a time; ${r.plan.publish.toLocaleString("en-US")} reports per publish run to 10 connected doctors; ${r.plan.rateReports.toLocaleString("en-US")} reports at ${r.plan.rate}/s for the fixed rate; ${r.plan.drain.toLocaleString("en-US")} reports drained by 10 doctors; ${r.plan.storm.toLocaleString("en-US")} clients and ${r.plan.stormReports.toLocaleString("en-US")} reports in the storm; ${r.plan.e2e} reports end to end. A report of ${r.reportChars} characters becomes a delivery whose data is ${r.frameBytes.toLocaleString("en-US")} bytes, on every server. Ratios are the hub's figure (v2, or v1 where v2 has none) divided by the other's.`,
    "",
    "| Measurement | hub v1 | hub v2 | ceiling (Bun, in memory) | Socket.IO | hub ÷ Socket.IO | hub ÷ ceiling | target | met |",
    "| --- | --: | --: | --: | --: | --: | --: | --- | --- |",
  ];
  for (const row of ROWS) {
    const cells = COLUMNS.map((c) => {
      const v = m(row.metric, c);
      return v === undefined ? "—" : row.unit(v);
    });
    const hub = m(row.metric, "hub v2") ?? m(row.metric, "hub v1");
    const met = row.target?.met(m);
    const verdict = met === undefined ? "" : met ? "yes" : "**no**";
    lines.push(
      `| ${row.label} | ${cells.join(" | ")} | ${ratio(hub, m(row.metric, "Socket.IO"))} | ${ratio(hub, m(row.metric, "ceiling"))} | ${row.target?.text ?? ""} | ${verdict} |`,
    );
  }
  const cpu = Object.keys(r.figures)
    .filter((k) => k.endsWith(".loadgenCpu"))
    .map((k) => `${k.replace(".loadgenCpu", "")} ${Math.max(...COLUMNS.map((c) => m(k, c) ?? 0)).toFixed(2)}`);
  const losses = ["publish8", "publish32", "fixedRate", "drain"].flatMap((name) =>
    COLUMNS.flatMap((c) => (r.figures[`${name}.lost`]?.[c] ?? []).concat(r.figures[`${name}.duplicated`]?.[c] ?? [])),
  );
  const serverCores = Object.keys(r.figures)
    .filter((k) => k.endsWith(".serverCores"))
    .map((k) => `${k.replace(".serverCores", "")} ${COLUMNS.map((c) => m(k, c)?.toFixed(2) ?? "—").join(" / ")}`);
  lines.push(
    "",
    `Cores each server used during each scenario (CPU time ÷ wall time; hub v1 / hub v2 / ceiling / Socket.IO): ${serverCores.join("; ")}.`,
    `The load generator's CPU (its CPU time ÷ wall time, 1.00 = one core; the highest median per scenario): ${cpu.join(", ")}.`,
    `Lost or duplicated reports in the publish and drain runs, all servers: ${losses.reduce((a, b) => a + b, 0)}.`,
    `Reconnect storm, clients welcomed per second after the kill: ${r.stormCurves.map((c) => c.join(", ")).join(" / ")}.`,
    ...(r.e2eErrors.length > 0 ? [`End to end failed: ${[...new Set(r.e2eErrors)].join("; ")}.`] : []),
  );
  return lines.join("\n");
}
