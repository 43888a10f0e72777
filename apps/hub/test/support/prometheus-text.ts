/// <reference path="./parse-prometheus-text-format.d.ts" />
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { z } from "zod";

/** One metric family as parse-prometheus-text-format returns it (prom2json's shape). */
const Family = z.object({
  name: z.string(),
  help: z.string(),
  type: z.enum(["COUNTER", "GAUGE", "HISTOGRAM", "SUMMARY", "UNTYPED"]),
  metrics: z.array(
    z.object({
      labels: z.record(z.string(), z.string()).optional(),
      value: z.string().optional(),
      buckets: z.record(z.string(), z.string()).optional(),
      count: z.string().optional(),
      sum: z.string().optional(),
    }),
  ),
});
export type MetricFamily = z.infer<typeof Family>;

/** A parsed scrape: the families (from the parser) and the raw text. */
export interface Scrape {
  families: Map<string, MetricFamily>;
  text: string;
}

/** Parses a `/metrics` body with a Prometheus text-format parser; throws on anything malformed. */
export function parseMetrics(text: string): Scrape {
  const families = z.array(Family).parse(parsePrometheusTextFormat(text));
  return { families: new Map(families.map((f) => [f.name, f])), text };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The sum of a counter's or gauge's samples whose labels include `labels`; for a histogram, of its
 * `_count` samples. (The parser drops the labels of histogram samples, so samples are read from the
 * text, line by line, once the parser has accepted it.)
 */
export function sampleValue(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = scrape.families.get(name);
  if (!family) throw new Error(`no metric ${name}`);
  const sampleName = family.type === "HISTOGRAM" ? `${name}_count` : name;
  let sum = 0;
  for (const line of scrape.text.split("\n")) {
    const match = SAMPLE.exec(line);
    if (!match || match[1] !== sampleName) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(LABEL)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

/** Every label value in a scrape, by label name. */
export function labelValues(scrape: Scrape): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of scrape.text.split("\n")) {
    for (const l of SAMPLE.exec(line)?.[2]?.matchAll(LABEL) ?? []) {
      const [, label = "", value = ""] = l;
      if (!out.has(label)) out.set(label, new Set());
      out.get(label)?.add(value);
    }
  }
  return out;
}
