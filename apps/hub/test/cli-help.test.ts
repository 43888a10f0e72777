import { describe, expect, test } from "bun:test";
import { runCli } from "../src/cli/run.ts";
import { HELP } from "../src/cli/usage.ts";

async function hub(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("sofia-hub help", () => {
  const forms = [
    ["serve", "--help"],
    ["doctors", "add", "--help"],
    ["doctors", "--help"],
    ["keys", "revoke", "-h"],
    ["tokens", "create", "--help"],
    ["agents", "enroll", "--help"],
    ["clinics", "layout", "--help"],
    ["reports", "revoke-links", "--help"],
    ["help", "agents"],
  ];
  test.each(forms)("%s %s %s prints that command's help and exits 0", async (...argv) => {
    const run = await hub(...argv.filter((a): a is string => typeof a === "string"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const command = argv[0] === "help" ? argv[1] : argv[0];
    expect(run.stdout).toContain(`  ${command}`);
    expect(run.stdout).toContain("Exit codes:");
  });

  test("every command of the full help has its own help", async () => {
    for (const command of Object.keys(HELP.commands).filter((c) => c !== "version")) {
      expect((await hub(command, "--help")).code).toBe(0);
    }
    expect((await hub("--help")).stdout).toContain("agents enroll --clinic ID --doctor ID");
    const unknown = await hub("help", "frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
