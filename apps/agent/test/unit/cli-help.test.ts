import { afterAll, describe, expect, test } from "bun:test";
import { HELP } from "../../src/cli/usage.ts";
import { AgentHome } from "../support/agent-harness.ts";

describe("sofia-agent help", () => {
  const home = new AgentHome();
  afterAll(() => home.dispose());

  test("every command answers --help with its own part, without doing anything", async () => {
    for (const command of Object.keys(HELP.commands).filter((c) => c !== "version")) {
      // `install --help` must print help, not install; `run --help` must not start an agent.
      const run = await home.cli([command, "--help"], { isAdmin: () => false });
      expect({ command, code: run.code, stderr: run.stderr }).toEqual({ command, code: 0, stderr: "" });
      expect(run.stdout).toContain(`sofia-agent ${command}`);
    }
    expect((await home.cli(["config", "set", "status_port", "-h"])).stdout).toContain("status_port   1-65535");
    expect((await home.cli(["help", "enroll"])).stdout).toContain("sofia-agent enroll CODE --hub URL");
    expect((await home.cli(["--help"])).stdout).toContain("Exit codes: 0 done");
    expect((await home.cli(["help", "nonsense"])).code).toBe(2);
  });
});
