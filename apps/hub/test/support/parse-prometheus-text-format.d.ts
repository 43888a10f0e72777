/** The parser has no types of its own: its result is checked with zod (support/prometheus-text.ts). */
declare module "parse-prometheus-text-format" {
  export default function parsePrometheusTextFormat(text: string): unknown;
}
