/** What the figures were measured on: machine, load, versions, commit, date. */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

const packageVersion = (name: string) => {
  const text = readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8");
  return /"version":\s*"([^"]+)"/.exec(text)?.[1] ?? "?";
};

/** A description of this machine and this checkout, for the results. */
export async function describeMachine() {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown CPU";
  const node = (await Bun.$`node --version`.quiet().nothrow()).stdout.toString().trim();
  const commit = (await Bun.$`git -C ${ROOT} rev-parse --short=12 HEAD`.quiet().nothrow()).stdout.toString().trim();
  return {
    date: new Date().toISOString(),
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    loadAverageBefore: loadavg().map((l) => Math.round(l * 100) / 100),
    bun: Bun.version,
    node,
    socketio: packageVersion("socket.io"),
    commit: commit || "unknown",
  };
}

/** Load average now (1, 5, 15 minutes), to note how busy the machine was. */
export const loadNow = () => loadavg().map((l) => Math.round(l * 100) / 100);
