import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = join(import.meta.dir, "..", "src", "main.ts");
const dir = mkdtempSync(join(tmpdir(), "od-sandbox-cli-"));
const db = join(dir, "cli.sqlite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real od-sandbox entry point to completion in a child process. */
async function cli(...args: string[]) {
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, OD_SANDBOX_DB: "" },
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, stdout, stderr };
}

describe("od-sandbox CLI (real processes)", () => {
  test("keys add, then serve --seed demo answers the key over HTTP; disable makes it 401", async () => {
    const add = await cli(
      "keys",
      "add",
      "--developer",
      "devCli",
      "--customer",
      "custCli",
      "--permissions",
      "read",
      "--db",
      db,
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain("Added customer key custCli (read)");
    expect(
      (await cli("keys", "add", "--developer", "devCli", "--customer", "custCli", "--permissions", "all", "--db", db))
        .code,
    ).toBe(1);

    const proc = Bun.spawn(
      [
        ...[process.execPath, MAIN, "serve", "--port", "0", "--db", db, "--seed", "demo", "--mode", "service"],
        ...["--od-version", "24.1.5.0"],
      ],
      {
        stdout: "pipe",
        stderr: "pipe",
      },
    );
    try {
      const reader = proc.stdout.getReader();
      let out = "";
      while (!/listening on (\S+)/.test(out)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`serve exited: ${out}`);
        out += new TextDecoder().decode(value);
      }
      expect(out).toContain("Seeded the demo office: 20 patients");
      expect(out).toContain("service mode, Open Dental 24.1.5.0");
      const api = /listening on (\S+)/.exec(out)?.[1] ?? "";
      const headers = { Authorization: "ODFHIR devCli/custCli", "Content-Type": "application/json" };
      const res = await fetch(`${api}/patients?LName=smith`, { headers });
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBe(2);
      expect((await fetch(`${api}/procnotes`, { headers })).status).toBe(400); // 24.2.29 and later
      // A read-only key may not write.
      const write = await fetch(`${api}/commlogs`, { method: "POST", headers, body: '{"PatNum":1,"Note":"x"}' });
      expect(write.status).toBe(401);
      expect((await cli("keys", "disable", "--customer", "custCli", "--db", db)).code).toBe(0);
      expect((await fetch(`${api}/providers`, { headers })).status).toBe(401);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  }, 20_000);

  test.each([
    [["keys", "add", "--customer", "c", "--permissions", "all"], "--developer is required"],
    [
      ["keys", "add", "--developer", "d", "--customer", "c", "--permissions", "write"],
      "--permissions must be all or read",
    ],
    [["keys", "add", "--developer", "d", "--customer", "c", "--permissions", "all", "--bogus"], "Unknown option"],
    [["serve", "--mode", "cloud"], 'invalid mode "cloud"'],
    [["serve", "--port", "99999"], 'invalid port "99999"'],
    [["serve", "--seed", "big"], 'unknown seed "big"'],
    [["serve", "--od-version", "newest"], 'invalid Open Dental version "newest"'],
    [["serve", "--gated-fields", "maybe"], 'invalid --gated-fields "maybe"'],
    [["frobnicate"], 'unknown command "frobnicate"'],
  ])("%p is a usage error (exit 2)", async (args, message) => {
    const run = await cli(...args, ...(args[0] === "frobnicate" ? [] : ["--db", db]));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
