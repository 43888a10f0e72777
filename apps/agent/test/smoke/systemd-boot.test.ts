import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { need, needProgram, until } from "@sofia/testing";
import type { Subprocess } from "bun";
import { cachedExecutable, run } from "./cached-binary.ts";

// `sofia-agent install` on a fresh Linux machine, for real: a container booted with systemd as
// its PID 1 (systemd-nspawn over a copy-on-write overlay of this machine's own root, so nothing
// needs downloading and nothing on the host changes), where install must leave a unit systemd
// starts — no /var/lib/sofia beforehand — and that status reports as installed and running.
const INSTALL = "apt-get install -y systemd-container";
const nspawn = needProgram("systemd-nspawn", ["systemd-nspawn"], INSTALL);
const nsenter = needProgram("nsenter", ["nsenter"], "apt-get install -y util-linux");
const root = need(
  "root (to mount an overlay and boot a container)",
  process.getuid?.() === 0 && process.platform === "linux" && process.arch === "x64"
    ? null
    : "this is not root on linux-x64",
  "run the tests as root",
);
const runsHere = !nspawn.skip && !nsenter.skip && !root.skip;

const work = mkdtempSync(join(tmpdir(), "sofia-boot-"));
const merged = join(work, "root");
let container: Subprocess<"ignore", "pipe", "pipe"> | null = null;
let mounted = false;
let leader = 0;

/** Runs a command inside the booted container (all its namespaces), as root there. */
const inside = (argv: string[], timeoutMs = 60_000) =>
  run([nsenter.path, "--target", String(leader), "--all", "--", ...argv], {}, timeoutMs);

beforeAll(async () => {
  if (!runsHere) return;
  for (const n of [nspawn, nsenter, root]) n.check();
  const exe = await cachedExecutable("linux-x64");
  for (const dir of ["upper", "work", "root"]) mkdirSync(join(work, dir));
  const mount = await run([
    "mount",
    "-t",
    "overlay",
    "overlay",
    "-o",
    `lowerdir=/,upperdir=${join(work, "upper")},workdir=${join(work, "work")}`,
    merged,
  ]);
  expect(mount).toMatchObject({ code: 0 });
  mounted = true;
  // A fresh machine: no agent files from this one, and the downloaded executable in Downloads.
  for (const dir of ["etc/sofia", "var/lib/sofia", "etc/systemd/system/sofia-agent.service"]) {
    rmSync(join(merged, dir), { recursive: true, force: true });
  }
  mkdirSync(join(merged, "root/Downloads"), { recursive: true });
  copyFileSync(exe, join(merged, "root/Downloads/sofia-agent"));
  // basic.target: systemd and its basics, none of this machine's own services (databases…);
  // a private network, so nothing inside can take a port of the host.
  container = Bun.spawn(
    [
      nspawn.path,
      "-D",
      merged,
      "--boot",
      "--private-network",
      "--register=no",
      "--keep-unit",
      "--quiet",
      "-M",
      "sofia-boot",
      "--",
      "systemd.unit=basic.target",
    ],
    { stdin: "ignore", stdout: "pipe", stderr: "pipe" },
  );
  // PID 1 of the container is the child of nspawn that runs systemd (nspawn forks helpers first).
  const init = () => {
    const children = readFileSync(`/proc/${container?.pid}/task/${container?.pid}/children`, "utf8").trim();
    for (const pid of children.split(/\s+/).map(Number)) {
      if (pid > 0 && readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "systemd") return pid;
    }
    return 0;
  };
  await until(
    "systemd finished booting",
    async () => {
      leader = init();
      if (leader === 0) return false;
      const state = await inside(["systemctl", "is-system-running"], 10_000);
      return ["running", "degraded"].includes(state.stdout.trim());
    },
    { timeoutMs: 120_000, everyMs: 200 },
  );
}, 300_000);

afterAll(async () => {
  if (container) {
    container.kill("SIGTERM"); // nspawn asks the container's systemd to power off
    await container.exited;
  }
  if (mounted) await run(["umount", merged]);
  rmSync(work, { recursive: true, force: true });
}, 120_000);

test.skipIf(!runsHere)(
  "on a freshly booted systemd, install starts the agent: directories created, unit active, status true",
  async () => {
    const install = await inside(["/root/Downloads/sofia-agent", "install"]);
    expect({ code: install.code, stderr: install.stderr }).toEqual({ code: 0, stderr: "" });
    expect(install.stdout).toContain("ran: systemctl restart sofia-agent.service");
    await until(
      "the unit is active",
      async () => (await inside(["systemctl", "is-active", "sofia-agent.service"])).stdout.trim() === "active",
      {
        timeoutMs: 30_000,
        everyMs: 200,
      },
    );
    expect((await inside(["systemctl", "is-enabled", "sofia-agent.service"])).stdout.trim()).toBe("enabled");
    // The service wrote its state where StateDirectory= made it, with the mode the unit asks for.
    await until(
      "the agent is running",
      async () => {
        const status = await inside(["/usr/local/bin/sofia-agent", "status", "--json"]);
        return JSON.parse(status.stdout || "{}").running === true;
      },
      { timeoutMs: 30_000, everyMs: 200 },
    );
    const status = JSON.parse((await inside(["/usr/local/bin/sofia-agent", "status", "--json"])).stdout);
    expect(status).toMatchObject({
      installed: true,
      running: true,
      service_file: "/etc/systemd/system/sofia-agent.service",
    });
    expect((await inside(["stat", "-c", "%a", "/var/lib/sofia"])).stdout.trim()).toBe("700");

    // Uninstall stops it first, then removes it; the service manager agrees.
    const uninstall = await inside(["/usr/local/bin/sofia-agent", "uninstall"]);
    expect(uninstall.code).toBe(0);
    expect((await inside(["systemctl", "is-active", "sofia-agent.service"])).stdout.trim()).not.toBe("active");
    expect(JSON.parse((await inside(["/usr/local/bin/sofia-agent", "status", "--json"])).stdout).installed).toBe(false);
  },
  180_000,
);
