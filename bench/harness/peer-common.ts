/** What the peers share: the fixture's secrets as lookups, and the delivery window. */
import { z } from "zod";
import { doctorId } from "./content.ts";

/** Deliveries sent ahead of the acknowledgements, as in the hub. */
export const WINDOW = 100;

const SecretsFile = z.object({ keys: z.array(z.string().max(200)).max(1_000_000), producer: z.string().max(200) });

/** Parses the fixture's secrets file: doctor key → doctor id, the doctor ids, the producer token. */
export function readSecrets(text: string) {
  const { keys, producer } = SecretsFile.parse(JSON.parse(text));
  const byKey = new Map(keys.map((key, i) => [key, doctorId(i)]));
  return { byKey, doctors: new Set(byKey.values()), producer, keys };
}

/** The JSON of a delivery's `data` for `reportId`, padded to `bytes`. */
export function peerData(reportId: string, body: unknown, bytes: number): string {
  const base = JSON.stringify({ report_id: reportId, report: body, padding: "" });
  const padding = "x".repeat(Math.max(0, bytes - base.length));
  return JSON.stringify({ report_id: reportId, report: body, padding });
}
