/**
 * How big a run is: `npm run bench` (the figures in docs/benchmarks.md), `--quick` (under two
 * minutes, for a look), or any size a caller sets (the harness's own test runs a tiny one).
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Sizes of every scenario, and how many times the whole set is repeated. */
export interface Plan {
  reps: number;
  /** Idle authenticated connections (memory per connection). */
  idle: number;
  /** Clients connected and authenticated for the rate. */
  connect: number;
  /** Reports per publish run (each of 8 and 32 in flight). */
  publish: number;
  /** Fixed-rate publishing: reports per second, and how many. */
  rate: number;
  rateReports: number;
  /** Reports waiting for 10 doctors. */
  drain: number;
  /** Clients in the reconnect storm, and reports accepted just before the kill. */
  storm: number;
  stormReports: number;
  /** End-to-end reports into Open Dental (0: skip). */
  e2e: number;
}

export const FULL: Plan = {
  reps: 3,
  idle: 10_000,
  connect: 2_000,
  publish: 2_000,
  rate: 100,
  rateReports: 1_000,
  drain: 10_000,
  storm: 10_000,
  stormReports: 1_000,
  e2e: 200,
};

export const QUICK: Plan = {
  reps: 1,
  idle: 1_000,
  connect: 500,
  publish: 300,
  rate: 100,
  rateReports: 200,
  drain: 1_000,
  storm: 1_000,
  stormReports: 100,
  e2e: 20,
};

/** Local ports the kernel hands out: one source address can hold this many connections to one server port. */
export function localPortRange(): number {
  const text = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8");
  const [low = 32768, high = 60999] = text.trim().split(/\s+/).map(Number);
  return high - low + 1;
}

export const cores = availableParallelism();
