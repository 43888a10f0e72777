import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolvePaths } from "../../src/paths.ts";
import { executePlan } from "../../src/service/execute.ts";
import { type InstallContext, installPlan, uninstallPlan } from "../../src/service/installer.ts";
import { launchdPlist } from "../../src/service/launchd.ts";
import { windowsQuote, windowsTaskXml } from "../../src/service/windows-task.ts";
import { AgentHome } from "../support/agent-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "sofia-agent-service-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctx(platform: string, overrides: Partial<InstallContext> = {}): InstallContext {
  const env = platform === "win32" ? { ProgramData: "C:\\ProgramData", ProgramFiles: "C:\\Program Files" } : {};
  return {
    platform,
    execPath: "/home/it/Downloads/sofia-agent",
    compiled: true,
    scriptPath: "/$bunfs/root/sofia-agent",
    paths: resolvePaths(env, platform),
    home: null,
    env,
    ...overrides,
  };
}

describe("Windows: scheduled task", () => {
  const plan = installPlan(ctx("win32", { execPath: "C:\\Users\\it\\Downloads\\sofia-agent.exe" }));

  test("the command lines: restrict the data directory, register from XML, start now", () => {
    expect(plan.copy).toEqual({
      from: "C:\\Users\\it\\Downloads\\sofia-agent.exe",
      to: "C:\\Program Files\\Sofia\\sofia-agent.exe",
    });
    expect(plan.commands.map((c) => c.argv.map(windowsQuote).join(" "))).toEqual([
      "icacls C:\\ProgramData\\Sofia /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F",
      'schtasks /Create /TN "Sofia Agent" /XML C:\\ProgramData\\Sofia\\sofia-agent-task.xml /F',
      'schtasks /End /TN "Sofia Agent"',
      'schtasks /Run /TN "Sofia Agent"',
    ]);
    expect(uninstallPlan(ctx("win32")).commands.map((c) => c.argv.join(" "))).toEqual([
      "schtasks /End /TN Sofia Agent",
      "schtasks /Delete /TN Sofia Agent /F",
    ]);
  });

  test("the task XML: SYSTEM at boot, no time limit, restart on failure, UTF-16 with BOM", () => {
    const file = plan.files[0];
    const bytes = Buffer.from(file?.content ?? "");
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
});

describe("macOS: launchd daemon", () => {
  test("loaded at boot and kept alive, from /usr/local/bin", () => {
    const plan = installPlan(ctx("darwin"));
    const plist = String(plan.files[0]?.content);
    expect(plan.files[0]?.path).toBe("/Library/LaunchDaemons/com.sofia.agent.plist");
    expect(plist).toContain("<key>RunAtLoad</key>\n  <true/>");
    expect(plist).toContain("<key>KeepAlive</key>\n  <true/>");
    expect(plist).toContain("<string>/usr/local/bin/sofia-agent</string>\n    <string>run</string>");
    expect(plan.commands.map((c) => c.argv.join(" "))).toEqual([
      "launchctl bootout system/com.sofia.agent",
      "launchctl bootstrap system /Library/LaunchDaemons/com.sofia.agent.plist",
    ]);
    expect(launchdPlist({ program: "/a<b", args: [], workingDir: "/", logDir: "/l" })).toContain("/a&lt;b");
  });

  test("plutil accepts the plist when it is available", async () => {
    if (!Bun.which("plutil")) return void console.log("skipping plutil -lint: not macOS");
    const file = join(dir, "com.sofia.agent.plist");
    writeFileSync(file, String(installPlan(ctx("darwin")).files[0]?.content));
    const proc = Bun.spawn(["plutil", "-lint", file]);
    expect(await proc.exited).toBe(0);
  });
});

describe("Linux: systemd unit", () => {
  test("install writes a unit systemd-analyze verify accepts; install and uninstall are idempotent", async () => {
    const home = new AgentHome();
    const unitDir = join(dir, "units");
    const binDir = join(dir, "bin");
    // A stand-in "downloaded executable": systemd-analyze checks that ExecStart exists and runs.
    const downloaded = join(dir, "sofia-agent-download");
    writeFileSync(downloaded, "#!/bin/sh\nexit 0\n");
    chmodSync(downloaded, 0o755);
    const env = { SOFIA_AGENT_HOME: home.dir, SOFIA_AGENT_SERVICE_DIR: unitDir, SOFIA_AGENT_BIN_DIR: binDir };
    const commands: string[] = [];
    const run = async (argv: string[]) => {
      commands.push(argv.join(" "));
      return { code: 0, output: "" };
    };
    const self = { execPath: downloaded, scriptPath: "/$bunfs/root/sofia-agent", compiled: true };
    const first = await home.cli(["install"], { env, run, self });
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain(`copied ${downloaded} to ${binDir}/sofia-agent`);
    expect(first.stdout).toContain(`wrote ${unitDir}/sofia-agent.service`);
    expect(commands).toEqual([
      "systemctl daemon-reload",
      "systemctl enable sofia-agent.service",
      "systemctl restart sofia-agent.service",
    ]);
    const unit = readFileSync(join(unitDir, "sofia-agent.service"), "utf8");
    expect(unit).toContain(`ExecStart=${binDir}/sofia-agent run --home ${home.dir}`);
    expect(unit).toContain("Restart=always");
    expect(unit).toContain("WantedBy=multi-user.target");
    const second = await home.cli(["install"], { env, run, self });
    expect(second.stdout).toContain("is already this version");
    expect(second.stdout).toContain("is up to date");

    if (Bun.which("systemd-analyze")) {
      const verify = Bun.spawn(["systemd-analyze", "verify", join(unitDir, "sofia-agent.service")], {
        stdout: "pipe",
        stderr: "pipe",
      });
      const [err, code] = await Promise.all([new Response(verify.stderr).text(), verify.exited]);
      expect({ code, err }).toEqual({ code: 0, err: "" });
    } else console.log("skipping systemd-analyze verify: not installed (apt-get install -y systemd)");

    const removed = await home.cli(["uninstall"], { env, run, self });
    expect(removed.stdout).toContain(`removed ${unitDir}/sofia-agent.service`);
    expect(existsSync(join(unitDir, "sofia-agent.service"))).toBe(false);
    expect((await home.cli(["uninstall"], { env, run, self })).stdout).toContain("was not there");
    await home.dispose();
  });

  test("install needs root; --dry-run shows the plan to anyone", async () => {
    const home = new AgentHome();
    const refused = await home.cli(["install"], { isAdmin: () => false });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain("run it with sudo");
    const dry = await home.cli(["install", "--dry-run"], { isAdmin: () => false });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would write /etc/systemd/system/sofia-agent.service");
    await home.dispose();
  });

  test("a failing service command stops the install and shows its output", async () => {
    const plan = installPlan(
      ctx("linux", {
        env: { SOFIA_AGENT_SERVICE_DIR: join(dir, "u2"), SOFIA_AGENT_BIN_DIR: join(dir, "b2") },
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
});
