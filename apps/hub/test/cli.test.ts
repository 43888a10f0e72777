import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hubCli } from "./support/cli.ts";

const dataDir = mkdtempSync(join(tmpdir(), "sofia-cli-test-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const hub = hubCli(dataDir);

/** Parses stdout that must be exactly one JSON object on one line. */
function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  const value: unknown = JSON.parse(lines[0] ?? "");
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
  return Object.fromEntries(Object.entries(value));
}

describe("sofia-hub CLI", () => {
  test("doctors add --json prints one JSON object with the doctor_key and nothing else", () => {
    const run = hub("doctors", "add", "--doctor", "dr-cli", "--clinic", "clinic-cli", "--name", "Dr. Cli", "--json");
    expect(run.code).toBe(0);
    const out = onlyJson(run.stdout);
    expect(out.doctor_key).toMatch(/^sdk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(out.doctor_id).toBe("dr-cli");
    expect(String(out.key_id)).toBe(String(out.doctor_key).slice(0, 20));
  });

  test("the store keeps only a hash of the key", async () => {
    const run = hub("doctors", "add", "--doctor", "dr-hash", "--clinic", "clinic-cli", "--json");
    const key = String(onlyJson(run.stdout).doctor_key);
    const db = await Bun.file(join(dataDir, "hub.sqlite")).arrayBuffer();
    expect(Buffer.from(db).includes(Buffer.from(key.slice(21)))).toBe(false);
  });

  test("tokens create --json prints one JSON object with the token", () => {
    const run = hub(
      "tokens",
      "create",
      "--name",
      "sofia-backend",
      "--scope",
      "reports:publish",
      "--all-clinics",
      "--json",
    );
    expect(run.code).toBe(0);
    expect(String(onlyJson(run.stdout).token)).toMatch(/^spt_/);
  });

  test("tokens create --operator makes a token that reads metrics and nothing else", async () => {
    const run = hub("tokens", "create", "--name", "prometheus", "--operator", "--json");
    expect(run.code).toBe(0);
    const id = String(onlyJson(run.stdout).token_id);
    const listed = onlyJson(hub("keys", "list", "--json").stdout);
    expect(JSON.stringify(listed)).toContain(id);
    expect(JSON.stringify(listed)).toMatch(new RegExp(`"${id}"[^}]*"metrics:read"`));
  });

  test("clinics origins sets the web origins a clinic allows, as browsers write them", () => {
    hub("doctors", "add", "--doctor", "dr-origin", "--clinic", "clinic-origin");
    const run = hub(
      "clinics",
      "origins",
      "--clinic",
      "clinic-origin",
      "--allow",
      "HTTPS://App.Example.com:443",
      "--json",
    );
    expect(run.code).toBe(0);
    expect(onlyJson(run.stdout).allowed_origins).toEqual(["https://app.example.com"]);
    expect(hub("clinics", "origins", "--clinic", "clinic-origin", "--none").stdout).toContain("no web page");
    expect(hub("clinics", "origins", "--clinic", "nowhere", "--none").code).toBe(1);
  });

  test("doctors list --json lists the doctors", () => {
    hub("doctors", "add", "--doctor", "dr-list", "--clinic", "clinic-cli");
    const doctors = onlyJson(hub("doctors", "list", "--json").stdout).doctors;
    expect(JSON.stringify(doctors)).toContain('"doctor_id":"dr-list"');
  });

  test("keys revoke marks the key revoked; revoking an unknown key fails with exit 1", () => {
    const key = onlyJson(hub("doctors", "add", "--doctor", "dr-rev", "--clinic", "clinic-cli", "--json").stdout);
    const revoke = hub("keys", "revoke", String(key.key_id));
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain("Revoked");
    const listed = onlyJson(hub("keys", "list", "--doctor", "dr-rev", "--json").stdout);
    expect(JSON.stringify(listed)).toContain('"revoked_at":"20');
    const unknown = hub("keys", "revoke", "sdk_0000000000000000");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No key or token");
  });

  test("adding a doctor twice fails with exit 1 and says why", () => {
    hub("doctors", "add", "--doctor", "dr-twice", "--clinic", "clinic-cli");
    const again = hub("doctors", "add", "--doctor", "dr-twice", "--clinic", "clinic-cli");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('doctor "dr-twice" already exists');
  });

  test.each([
    [["doctors", "add", "--clinic", "c"], "--doctor is required"],
    [["doctors", "add", "--doctor", "bad id", "--clinic", "c"], "--doctor must be"],
    [["doctors", "add", "--doctor", "d", "--clinic", "c", "--bogus"], "Unknown option"],
    [["tokens", "create", "--name", "x", "--scope", "everything"], 'unknown scope "everything"'],
    [["tokens", "create", "--name", "x"], "--scope is required"],
    // A token that reaches every clinic is made on purpose (issue 13, risk 5).
    [["tokens", "create", "--name", "x", "--scope", "reports:publish"], "--clinic ID"],
    [["tokens", "create", "--name", "x", "--scope", "reports:publish", "--clinic", "c", "--all-clinics"], "not both"],
    [["tokens", "create", "--name", "x", "--operator", "--scope", "reports:publish"], "--operator takes neither"],
    [["tokens", "create", "--name", "x", "--scope", "metrics:read", "--clinic", "c"], "metrics:read is hub-wide"],
    [["keys", "revoke"], "exactly one KEY_ID"],
    [["clinics", "origins", "--clinic", "c", "--allow", "https://app.example.com/path"], "is not an origin"],
    [["clinics", "origins", "--clinic", "c"], "--allow ORIGIN"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["serve", "--port", "99999"], 'invalid port "99999"'],
    [["serve", "--retention-days", "0"], 'invalid retention "0"'],
  ])("%p is a usage error: exit 2 with a message", (args, message) => {
    const run = hub(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });
});
