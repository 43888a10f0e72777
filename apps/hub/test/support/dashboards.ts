import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const DOCS = join(import.meta.dir, "..", "..", "..", "..", "docs");

/** The reads of docs/prometheus/alerts.yml the tests make: a Prometheus rule file's shape. */
export const AlertRules = z.object({
  groups: z.array(
    z.object({
      name: z.string().min(1),
      rules: z.array(
        z.strictObject({
          alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
          expr: z.string().min(1),
          for: z
            .string()
            .regex(/^\d+[smhd]$/)
            .optional(),
          labels: z.record(z.string(), z.string()),
          annotations: z.object({ summary: z.string().min(1), description: z.string().min(1) }),
        }),
      ),
    }),
  ),
});

/** The parts of the Grafana dashboard the tests read: its panels' queries. */
export const Dashboard = z.object({
  title: z.string(),
  uid: z.string(),
  panels: z.array(
    z.union([
      z.object({ type: z.literal("row"), title: z.string().min(1) }),
      z.object({
        title: z.string().min(1),
        type: z.enum(["timeseries", "stat", "bargauge"]),
        gridPos: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
        targets: z.array(z.object({ refId: z.string(), expr: z.string().min(1) })).min(1),
      }),
    ]),
  ),
});

export function docsFile(...path: string[]): string {
  return readFileSync(join(DOCS, ...path), "utf8");
}

/** docs/prometheus/alerts.yml, parsed (Bun's YAML parser) and checked. */
export function alertRules(): z.infer<typeof AlertRules> {
  return AlertRules.parse(Bun.YAML.parse(docsFile("prometheus", "alerts.yml")));
}

/** docs/grafana/sofia-bridge.json, parsed and checked. */
export function dashboard(): z.infer<typeof Dashboard> {
  return Dashboard.parse(JSON.parse(docsFile("grafana", "sofia-bridge.json")));
}

/** Every PromQL expression of the dashboard and the alerts. */
export function allQueries(): string[] {
  return [
    ...dashboard().panels.flatMap((p) => ("targets" in p ? p.targets.map((t) => t.expr) : [])),
    ...alertRules().groups.flatMap((g) => g.rules.map((r) => r.expr)),
  ];
}

/** The metric names a PromQL expression reads with `prefix` (`sofia_hub_`), histogram suffixes kept. */
export function metricNames(expr: string, prefix: string): string[] {
  return [...expr.matchAll(new RegExp(`\\b${prefix}[a-z0-9_]+`, "g"))].map((m) => m[0]);
}

/** Whether `name` is in the scrape, directly or as a sample of a histogram family. */
export function inScrape(name: string, families: Map<string, { type: string }>): boolean {
  if (families.has(name)) return true;
  const base = name.replace(/_(bucket|count|sum)$/, "");
  return base !== name && families.get(base)?.type === "HISTOGRAM";
}
