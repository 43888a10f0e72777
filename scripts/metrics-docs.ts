// Writes the metrics tables of docs/operations.md from the hub's and the agent's registries
// (`node_modules/.bin/bun scripts/metrics-docs.ts`); apps/hub/test/metrics-docs.test.ts and
// apps/agent/test/metrics.test.ts fail when the doc is not what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { AgentMetrics } from "../apps/agent/src/metrics/agent-metrics.ts";
import { HubMetrics, renderMetricsTable } from "../apps/hub/src/metrics/index.ts";

const path = "docs/operations.md";
let doc = readFileSync(path, "utf8");
for (const [name, registry] of [
  ["hub", new HubMetrics().registry],
  ["agent", new AgentMetrics().registry],
] as const) {
  const start = `<!-- metrics table: ${name} (scripts/metrics-docs.ts) -->`;
  const end = `<!-- end of metrics table: ${name} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no "${start}" ... "${end}"`);
  doc = `${doc.slice(0, from + start.length)}\n\n${renderMetricsTable(registry)}\n\n${doc.slice(to)}`;
}
writeFileSync(path, doc);
console.log(`wrote the metrics tables of ${path}`);
