import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databasePath } from "../src/config.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";

const MAIN = join(import.meta.dir, "..", "src", "main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "sofia-cli-care-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function hub(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawnSync([process.execPath, MAIN, ...args, "--data-dir", dataDir], {
    env: { ...process.env, ...env },
  });
  return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

describe("sofia-hub clinics auth", () => {
  const secret = "a-shared-secret-of-at-least-32-bytes!!";
  test("sets a shared secret from the environment, never shows it, and can be turned off", async () => {
    expect(hub(["doctors", "add", "--doctor", "dr-c", "--clinic", "clinic-c"]).code).toBe(0);
    const set = hub(
      [
        "clinics",
        "auth",
        "--clinic",
        "clinic-c",
        "--issuer",
        "https://id.example/",
        "--audience",
        "sofia-hub",
        "--secret-env",
        "CLINIC_C_SECRET",
      ],
      { CLINIC_C_SECRET: secret },
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("HS256 shared secret");
    const shown = hub(["clinics", "auth", "--clinic", "clinic-c", "--show", "--json"]);
    expect(shown.stdout).not.toContain(secret);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      user_auth: { issuer: "https://id.example/", keys: { kind: "shared_secret" } },
    });
    const store = await openSqliteStore(databasePath(dataDir), { thread: "inline" });
    expect((await store.directory.getClinic("clinic-c"))?.userAuth?.keys).toEqual({ kind: "shared_secret", secret });
    await store.close();
    expect(hub(["clinics", "auth", "--clinic", "clinic-c", "--off"]).code).toBe(0);
    expect(JSON.parse(hub(["clinics", "auth", "--clinic", "clinic-c", "--show", "--json"]).stdout)).toEqual({
      clinic_id: "clinic-c",
      user_auth: null,
    });
  });

  test("a JWKS URL must be https unless --dev, and then only on this machine", () => {
    const base = ["clinics", "auth", "--clinic", "clinic-c", "--issuer", "https://id.example/", "--audience", "a"];
    expect(hub([...base, "--jwks-url", "http://127.0.0.1:9/jwks"]).code).toBe(2);
    expect(hub([...base, "--jwks-url", "http://127.0.0.1:9/jwks", "--dev"]).code).toBe(0);
    expect(hub([...base, "--jwks-url", "http://idp.example/jwks", "--dev"]).code).toBe(2);
    expect(hub([...base, "--jwks-url", "https://idp.example/jwks", "--algorithms", "ES256"]).code).toBe(0);
  });

  test("mistakes are usage errors: no key source, both, an empty variable, a short secret", () => {
    const base = ["clinics", "auth", "--clinic", "clinic-c", "--issuer", "https://id.example/", "--audience", "a"];
    expect(hub(base).code).toBe(2);
    expect(hub([...base, "--secret-env", "S", "--jwks-url", "https://x.example/j"], { S: secret }).code).toBe(2);
    expect(hub([...base, "--secret-env", "NOT_SET_ANYWHERE"]).code).toBe(2);
    const short = hub([...base, "--secret-env", "S"], { S: "short" });
    expect([short.code, short.stderr]).toEqual([2, expect.stringContaining("at least 32 bytes")]);
    expect(hub(["clinics", "auth", "--clinic", "nope", "--off"]).code).toBe(1);
  });
});

test("npm run demo:care plays the three scenarios and every user receives what was sent", () => {
  const run = Bun.spawnSync([process.execPath, join(import.meta.dir, "..", "scripts", "demo-care.ts")]);
  const out = run.stdout.toString();
  expect([run.exitCode, out]).toEqual([
    0,
    expect.stringContaining("Every user received what the scenarios sent them, once."),
  ]);
  expect(out).toContain("patient     6:");
}, 60_000);
