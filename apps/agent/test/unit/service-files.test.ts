import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needProgram } from "@sofia/testing";
import { resolvePaths } from "../../src/paths.ts";
import { describePlan, executePlan } from "../../src/service/execute.ts";
import { type InstallContext, installPlan, uninstallPlan } from "../../src/service/installer.ts";
import { launchdPlist } from "../../src/service/launchd.ts";
import type { PlanStep, ServicePlan } from "../../src/service/plan.ts";
import { windowsTaskXml } from "../../src/service/windows-task.ts";
import { AgentHome } from "../support/agent-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "sofia-agent-service-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const systemdAnalyze = needProgram("systemd-analyze", ["systemd-analyze"], "apt-get install -y systemd");

function ctx(platform: string, overrides: Partial<InstallContext> = {}): InstallContext {
  const env: Record<string, string> =
    platform === "win32" ? { ProgramData: "C:\\ProgramData", ProgramFiles: "C:\\Program Files" } : {};
  const merged = { ...env, ...overrides.env };
  return {
    platform,
    execPath: "/home/it/Downloads/sofia-agent",
    compiled: true,
    scriptPath: "/$bunfs/root/sofia-agent",
    paths: resolvePaths(merged, platform),
    ...overrides,
    env: merged,
  };
}

const runs = (plan: ServicePlan) =>
  plan.steps.filter((s): s is Extract<PlanStep, { kind: "run" }> => s.kind === "run").map((s) => s.argv.join(" "));
const written = (plan: ServicePlan) => plan.steps.find((s) => s.kind === "write");

/** Records service-manager commands; `fail` makes matching ones exit 1. */
function recorder(fail: (argv: string[]) => boolean = () => false) {
  const commands: string[] = [];
  const run = async (argv: string[]) => {
    commands.push(argv.join(" "));
    return fail(argv) ? { code: 1, output: "Access denied" } : { code: 0, output: "" };
  };
  return { commands, run };
}

describe("Windows: scheduled task", () => {
  const plan = installPlan(ctx("win32", { execPath: "C:\\Users\\it\\Downloads\\sofia-agent.exe" }));

  test("the command lines: restrict the data directory, register from XML, start now", () => {
    expect(plan.steps[0]).toEqual({
      kind: "copy",
      from: "C:\\Users\\it\\Downloads\\sofia-agent.exe",
      to: "C:\\Program Files\\Sofia\\sofia-agent.exe",
    });
    const lines = describePlan(plan, "win32").filter((l) => l.startsWith("would run"));
    expect(lines).toEqual([
      "would run: icacls C:\\ProgramData\\Sofia /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F  (only SYSTEM and administrators may read the credential and journal)",
      'would run: schtasks /Create /TN "Sofia Agent" /XML C:\\ProgramData\\Sofia\\sofia-agent-task.xml /F  (start at boot, restart on failure)',
      'would run: schtasks /End /TN "Sofia Agent"  (stop an older version)',
      'would run: schtasks /Run /TN "Sofia Agent"  (start now)',
    ]);
  });

  test("--dry-run prints the task XML itself (not the UTF-16 bytes) and quotes the task name", async () => {
    const home = new AgentHome();
    const dry = await home.cli(["install", "--dry-run"], {
      platform: "win32",
      env: { ProgramData: "C:\\ProgramData", ProgramFiles: "C:\\Program Files" },
    });
    await home.dispose();
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would write C:\\ProgramData\\Sofia\\sofia-agent-task.xml:\n<?xml");
    expect(dry.stdout).toContain("<UserId>S-1-5-18</UserId>");
    expect(dry.stdout).toContain('schtasks /Run /TN "Sofia Agent"');
    expect(dry.stdout).not.toContain("/TN Sofia Agent");
  });

  test("the task XML: SYSTEM at boot, no time limit, restart on failure, UTF-16 with BOM", () => {
    const bytes = Buffer.from(
      written(plan)?.kind === "write" ? (written(plan) as { content: Uint8Array }).content : "",
    );
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const xml = bytes.subarray(2).toString("utf16le");
    for (const part of [
      "<BootTrigger><Enabled>true</Enabled></BootTrigger>",
      "<UserId>S-1-5-18</UserId>",
      "<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
      "<RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>",
      "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
      "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
      "<Command>C:\\Program Files\\Sofia\\sofia-agent.exe</Command>",
      "<Arguments>run</Arguments>",
    ]) {
      expect(xml).toContain(part);
    }
    expect(xml).toContain("\r\n");
  });

  test("arguments with spaces and quotes survive the Windows command line", () => {
    const launch = {
      program: "C:\\A&B\\sofia-agent.exe",
      args: ["run", "--home", 'D:\\Sofia "test"\\'],
      workingDir: "D:\\",
      logDir: "D:\\",
    };
    expect(windowsTaskXml(launch)).toContain(
      "<Arguments>run --home &quot;D:\\Sofia \\&quot;test\\&quot;\\\\&quot;</Arguments>",
    );
    expect(windowsTaskXml(launch)).toContain("<Command>C:\\A&amp;B\\sofia-agent.exe</Command>");
  });

  test("uninstall ends and deletes the task only if Task Scheduler has it, then removes the XML", () => {
    const steps = uninstallPlan(ctx("win32")).steps;
    expect(steps.map((s) => (s.kind === "run" ? s.argv.join(" ") : `${s.kind}`))).toEqual([
      "schtasks /End /TN Sofia Agent",
      "schtasks /Delete /TN Sofia Agent /F",
      "remove",
    ]);
    expect(steps[1]).toMatchObject({ onlyIf: { succeeds: ["schtasks", "/Query", "/TN", "Sofia Agent"] } });
    expect(steps[1]).not.toHaveProperty("tolerated");
  });
});

describe("macOS: launchd daemon", () => {
  test("loaded at boot and kept alive, from /usr/local/bin", () => {
    const plan = installPlan(ctx("darwin"));
    const plist = String(written(plan)?.kind === "write" ? (written(plan) as { text: string }).text : "");
    expect(written(plan)).toMatchObject({ path: "/Library/LaunchDaemons/com.sofia.agent.plist" });
    expect(plist).toContain("<key>RunAtLoad</key>\n  <true/>");
    expect(plist).toContain("<key>KeepAlive</key>\n  <true/>");
    expect(plist).toContain("<string>/usr/local/bin/sofia-agent</string>\n    <string>run</string>");
    expect(runs(plan)).toEqual([
      "launchctl bootout system/com.sofia.agent",
      "launchctl bootstrap system /Library/LaunchDaemons/com.sofia.agent.plist",
    ]);
    expect(launchdPlist({ program: "/a<b", args: [], workingDir: "/", logDir: "/l" })).toContain("/a&lt;b");
  });

  // plutil exists only on macOS, which CI does not run: there the check is not registered at all
  // (rather than passing without checking anything, or counting as skipped on every Linux run).
  if (Bun.which("plutil")) {
    test("plutil accepts the plist", async () => {
      const file = join(dir, "com.sofia.agent.plist");
      writeFileSync(file, String((written(installPlan(ctx("darwin"))) as { text: string }).text));
      const proc = Bun.spawn(["plutil", "-lint", file]);
      expect(await proc.exited).toBe(0);
    });
  } else console.log("plutil -lint of the launchd plist runs on macOS only");
});

describe("directory overrides reach the service on every OS", () => {
  const env = { SOFIA_AGENT_CONFIG_DIR: "/srv/sofia conf", SOFIA_AGENT_STATE_DIR: "/srv/sofia-state" };
  test.each([
    ["linux", '--config-dir "/srv/sofia conf" --state-dir /srv/sofia-state'],
    ["darwin", "<string>--config-dir</string>\n    <string>/srv/sofia conf</string>\n    <string>--state-dir</string>"],
    ["win32", "<Arguments>run --config-dir &quot;/srv/sofia conf&quot; --state-dir /srv/sofia-state</Arguments>"],
  ])("%s", (platform, expected) => {
    const file = written(installPlan(ctx(platform, { env })));
    expect(file?.kind === "write" ? file.text : "").toContain(expected);
  });
});

describe("Linux: systemd unit", () => {
  test("default paths: systemd creates /var/lib/sofia and /etc/sofia before the first start", () => {
    const unit = String((written(installPlan(ctx("linux"))) as { text: string }).text);
    expect(unit).toContain("StateDirectory=sofia\nStateDirectoryMode=0700\n");
    expect(unit).toContain("ConfigurationDirectory=sofia\n");
    expect(unit).toContain("WorkingDirectory=-/var/lib/sofia\n");
    expect(unit).toContain("ProtectSystem=strict\n");
  });

  test("install creates the directories, writes a unit systemd-analyze verify accepts; both are idempotent", async () => {
    const home = new AgentHome();
    const unitDir = join(dir, "units");
    const binDir = join(dir, "bin");
    const stateDir = join(dir, "state (clinic)");
    const configDir = join(dir, "config");
    // A stand-in "downloaded executable": systemd-analyze checks that ExecStart exists and runs.
    const downloaded = join(dir, "sofia-agent-download");
    writeFileSync(downloaded, "#!/bin/sh\nexit 0\n");
    chmodSync(downloaded, 0o755);
    const env = {
      SOFIA_AGENT_CONFIG_DIR: configDir,
      SOFIA_AGENT_STATE_DIR: stateDir,
      SOFIA_AGENT_SERVICE_DIR: unitDir,
      SOFIA_AGENT_BIN_DIR: binDir,
    };
    const { commands, run } = recorder();
    const self = { execPath: downloaded, scriptPath: "/$bunfs/root/sofia-agent", compiled: true };
    const first = await home.cli(["install"], { env, run, self });
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain(`copied ${downloaded} to ${binDir}/sofia-agent`);
    expect(first.stdout).toContain(`created ${stateDir}`);
    expect(first.stdout).toContain(`wrote ${unitDir}/sofia-agent.service`);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(stateDir, "logs"))).toBe(true);
    expect(existsSync(configDir)).toBe(true);
    expect(commands).toEqual([
      "systemctl daemon-reload",
      "systemctl enable sofia-agent.service",
      "systemctl restart sofia-agent.service",
    ]);
    const unit = readFileSync(join(unitDir, "sofia-agent.service"), "utf8");
    expect(unit).toContain(`ExecStart=${binDir}/sofia-agent run --config-dir ${configDir} --state-dir "${stateDir}"`);
    expect(unit).toContain(`ReadWritePaths=-"${stateDir}"`);
    expect(unit).toContain(`WorkingDirectory=-${stateDir}\n`);
    expect(unit).toContain("Restart=always");
    expect(unit).toContain("WantedBy=multi-user.target");
    const second = await home.cli(["install"], { env, run, self });
    expect(second.stdout).toContain("is already this version");
    expect(second.stdout).toContain("is up to date");

    if (!systemdAnalyze.skip) {
      systemdAnalyze.check();
      for (const variant of [unit, String((written(installPlan(ctx("linux"))) as { text: string }).text)]) {
        // The default unit names /usr/local/bin/sofia-agent, which does not exist here: point it at the stand-in.
        const file = join(dir, "verify", "sofia-agent.service");
        await Bun.write(file, variant.replace(/^ExecStart=\S+/m, `ExecStart=${binDir}/sofia-agent`));
        const verify = Bun.spawn([systemdAnalyze.path, "verify", file], { stdout: "pipe", stderr: "pipe" });
        const [err, code] = await Promise.all([new Response(verify.stderr).text(), verify.exited]);
        expect({ code, err }).toEqual({ code: 0, err: "" });
      }
    }

    const removed = await home.cli(["uninstall"], { env, run, self });
    expect(removed.stdout).toContain(`removed ${unitDir}/sofia-agent.service`);
    expect(existsSync(join(unitDir, "sofia-agent.service"))).toBe(false);
    expect((await home.cli(["uninstall"], { env, run, self })).stdout).toContain("was not there");
    await home.dispose();
  });

  test("uninstall stops and disables before removing the unit, and a failure is reported (exit 1)", async () => {
    const home = new AgentHome();
    const unitDir = join(dir, "units-fail");
    const env = { SOFIA_AGENT_HOME: home.dir, SOFIA_AGENT_SERVICE_DIR: unitDir, SOFIA_AGENT_BIN_DIR: join(dir, "b3") };
    expect((await home.cli(["install"], { env })).code).toBe(0);
    const { commands, run } = recorder((argv) => argv[1] === "disable");
    const failed = await home.cli(["uninstall"], { env, run });
    expect(commands).toEqual(["systemctl disable --now sofia-agent.service"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("FAILED: systemctl disable --now sofia-agent.service  (exit 1)\nAccess denied");
    expect(failed.stderr).toContain("uninstall did not finish");
    // The unit is still there, so status and a second uninstall still see the truth.
    expect(existsSync(join(unitDir, "sofia-agent.service"))).toBe(true);

    const ok = recorder();
    const done = await home.cli(["uninstall"], { env, run: ok.run });
    expect(done.code).toBe(0);
    expect(ok.commands).toEqual(["systemctl disable --now sofia-agent.service", "systemctl daemon-reload"]);
    const lines = done.stdout.split("\n");
    expect(lines.findIndex((l) => l.startsWith("ran: systemctl disable"))).toBeLessThan(
      lines.findIndex((l) => l.startsWith("removed ")),
    );
    // Nothing installed: nothing to stop, and that is not a failure.
    const again = recorder();
    const nothing = await home.cli(["uninstall"], { env, run: again.run });
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain("skipped: systemctl disable --now sofia-agent.service  (nothing to undo");
    await home.dispose();
  });

  test("install needs root; --dry-run shows the plan to anyone", async () => {
    const home = new AgentHome();
    const refused = await home.cli(["install"], { isAdmin: () => false });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain("run it with sudo");
    const dry = await home.cli(["install", "--dry-run"], { isAdmin: () => false });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would write /etc/systemd/system/sofia-agent.service:\n[Unit]");
    expect(dry.stdout).toContain(`would create ${home.dir} (if missing)`);
    await home.dispose();
  });

  test("a failing service command stops the install and shows its output", async () => {
    const plan = installPlan(
      ctx("linux", {
        env: {
          SOFIA_AGENT_HOME: join(dir, "h2"),
          SOFIA_AGENT_SERVICE_DIR: join(dir, "u2"),
          SOFIA_AGENT_BIN_DIR: join(dir, "b2"),
        },
        compiled: false,
      }),
    );
    const lines: string[] = [];
    const ok = await executePlan(
      plan,
      async (argv) => ({ code: argv[1] === "enable" ? 1 : 0, output: "Access denied" }),
      (l) => lines.push(l),
    );
    expect(ok).toBe(false);
    expect(lines.at(-1)).toBe("FAILED: systemctl enable sofia-agent.service  (exit 1)\nAccess denied");
  });

  test("status asks systemd: a unit file left by a failed install is not 'Installed: yes'", async () => {
    const home = new AgentHome();
    const unitDir = join(dir, "units-status");
    const env = { SOFIA_AGENT_HOME: home.dir, SOFIA_AGENT_SERVICE_DIR: unitDir, SOFIA_AGENT_BIN_DIR: join(dir, "b4") };
    const failing = recorder((argv) => argv[1] === "enable" || argv[1] === "is-enabled");
    expect((await home.cli(["install"], { env, run: failing.run })).code).toBe(1);
    expect(existsSync(join(unitDir, "sofia-agent.service"))).toBe(true);
    const status = await home.cli(["status"], { env, run: failing.run });
    expect(status.stdout).toContain("Installed:   no: ");
    expect(status.stdout).toContain("systemctl is-enabled sofia-agent.service: exit 1");
    const json = JSON.parse((await home.cli(["status", "--json"], { env, run: failing.run })).stdout);
    expect(json).toMatchObject({ installed: false, service_manager: { exit_code: 1 } });
    const healthy = await home.cli(["status"], { env, run: recorder().run });
    expect(healthy.stdout).toContain(`Installed:   yes (systemd: ${unitDir}/sofia-agent.service)`);
    await home.dispose();
  });
});
