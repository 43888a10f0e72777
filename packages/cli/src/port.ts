import { UsageError } from "./usage-error.ts";

/**
 * A TCP port from a flag or an environment variable: digits only, 0-65535 (0: any free port).
 * Absent or empty gives `fallback`; anything else is a usage mistake naming the value.
 */
export function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`invalid port "${text}"`);
  return port;
}
