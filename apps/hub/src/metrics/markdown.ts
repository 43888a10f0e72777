import type { Registry } from "prom-client";
import { z } from "zod";

/** The part of a prom-client metric the table reads: its label names (not in prom-client's types). */
const WithLabels = z.object({ labelNames: z.array(z.string()).optional() });

/**
 * The metrics of a registry as the Markdown table docs/operations.md shows (a test keeps the doc
 * equal to it): name, type, labels, and the help text Prometheus shows.
 */
export function renderMetricsTable(registry: Registry): string {
  const rows: string[][] = registry.getMetricsAsArray().map((metric) => {
    const labels = WithLabels.parse(metric).labelNames ?? [];
    return [
      `\`${metric.name}\``,
      String(metric.type),
      labels.length === 0 ? "" : labels.map((l) => `\`${l}\``).join(", "),
      metric.help,
    ];
  });
  const header = ["Metric", "Type", "Labels", "Meaning"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
