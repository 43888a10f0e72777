import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig } from "../../src/config/config-file.ts";
import { effectiveProtocol } from "../../src/config/schema.ts";
import { ExitCode } from "../../src/exit-codes.ts";
import { resolvePaths } from "../../src/paths.ts";
import { useHomes } from "../support/agent-harness.ts";

const newHome = useHomes();

describe("config", () => {
  test("config set/get: endpoints validated, protocol inferred, credential stored 0600 and never printed", async () => {
    const home = newHome();
    expect((await home.cli(["config", "set", "endpoint", "wss://upload.example/reports/ws"])).code).toBe(0);
    expect((await home.cli(["config", "get", "protocol"])).stdout).toBe("auto (v1)");
    const set = await home.cli(["config", "set", "endpoints", "wss://a.example/v2/ws,wss://b.example/v2/ws"]);
    expect(set.stdout).toContain("protocol v2");
    expect((await home.cli(["config", "get", "endpoints"])).stdout).toBe("wss://a.example/v2/ws,wss://b.example/v2/ws");
    const secret = `sdt_${"c".repeat(16)}_${"z".repeat(43)}`;
    expect((await home.cli(["config", "set", "credential", secret])).code).toBe(0);
    expect(statSync(home.paths.credentialFile).mode & 0o777).toBe(0o600);
    const listed = await home.cli(["config", "list"]);
    expect(listed.stdout).toContain(`sdt_${"c".repeat(16)}`);
    expect(listed.stdout).not.toContain("z".repeat(43));
  });

  test("every mistake has a message and the usage exit code", async () => {
    const home = newHome();
    const cases: [string[], string][] = [
      [["config", "set", "endpoint", "https://hub.example"], "must start with wss://"],
      [["config", "set", "endpoint", "not-a-url"], "is not a URL"],
      [["config", "set", "colour", "blue"], 'unknown setting "colour"'],
      [["config", "set", "status_port", "99999"], "status_port is 1-65535"],
      [["config", "set", "endpoint", "wss://a/v2/ws,wss://b/v2/ws"], "config set endpoints URL1,URL2"],
      [["enroll", "not a code!", "--hub", "https://hub.example"], "is not an enrollment code"],
      [["install", "--bogus"], "Unknown option '--bogus'"],
      [["config", "set", "protocol", "v3"], "protocol is auto, v1 or v2"],
      [["config", "set", "credential", "has space"], "printable text without spaces"],
      [["config", "frobnicate"], 'use "config get KEY"'],
      [["run", "--bogus"], "Unknown option '--bogus'"],
      [["nonsense"], 'unknown command "nonsense"'],
    ];
    for (const [argv, message] of cases) {
      const result = await home.cli(argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: ExitCode.USAGE });
      expect(result.stderr).toContain(message);
    }
  });

  test("a config file with mistakes is refused with the file and field named", () => {
    const dir = mkdtempSync(join(tmpdir(), "sofia-config-"));
    try {
      const file = join(dir, "agent.json");
      writeFileSync(file, JSON.stringify({ endpoints: ["wss://ok/v2/ws"], status_prot: 1 }));
      expect(() => readConfig(file)).toThrow(
        /agent\.json has mistakes:\n {2}\(file\): Unrecognized key: "status_prot"/,
      );
      writeFileSync(file, "x".repeat(70_000));
      expect(() => readConfig(file)).toThrow(/a config file is at most 65536/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("paths per OS, overridable", () => {
    expect(resolvePaths({}, "linux")).toMatchObject({ configDir: "/etc/sofia", stateDir: "/var/lib/sofia" });
    expect(resolvePaths({}, "darwin").configDir).toBe("/Library/Application Support/Sofia");
    expect(resolvePaths({ SOFIA_AGENT_STATE_DIR: "/srv/sofia" }, "linux").journalFile).toBe(
      "/srv/sofia/journal.sqlite",
    );
    expect(effectiveProtocol({ endpoints: ["wss://x/reports/ws/"], protocol: "auto" })).toBe("v1");
    expect(effectiveProtocol({ endpoints: ["wss://x/reports/ws"], protocol: "v2" })).toBe("v2");
  });
});
