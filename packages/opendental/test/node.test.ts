import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabases } from "./support/databases.ts";
import { KEYS, startOffice, type TestOffice } from "./support/office.ts";

const [sqlite] = testDatabases();
const node = Bun.which("node");

// The client must not depend on Bun: the agent's compiled executable embeds it, and other tools
// may run it on Node. Bundled for Node, it reads the sandbox from a real Node process.
describe.skipIf(!node)("the client on Node", () => {
  let office: TestOffice;
  const dir = mkdtempSync(join(tmpdir(), "opendental-node-"));
  beforeAll(async () => {
    office = await startOffice(await (sqlite?.fresh() ?? Promise.reject(new Error("no database"))));
  });
  afterAll(async () => {
    await office.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("bundled for Node, it reads a patient and classifies a 404", async () => {
    const built = await Bun.build({
      entrypoints: [join(import.meta.dir, "..", "src", "index.ts")],
      target: "node",
      format: "esm",
      outdir: dir,
      naming: "opendental.mjs",
    });
    expect(built.success).toBe(true);
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      `import { OpenDentalClient } from "./opendental.mjs";
const od = new OpenDentalClient({ developerKey: "${KEYS.developer}", customerKey: "${KEYS.all}",
  endpoints: [{ mode: "service", url: process.argv[2] }] });
const patient = await od.patients.get(4);
const missing = await od.patients.get(99999).catch((e) => e);
console.log(JSON.stringify({ name: patient.LName, birthdate: patient.Birthdate, code: missing.code, action: missing.action }));
`,
    );
    const proc = Bun.spawn([node ?? "node", script, `${office.url}/api/v1`], { stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ name: "Smith", birthdate: "1962-04-18", code: "not_found", action: "give_up" });
  }, 30_000);
});
