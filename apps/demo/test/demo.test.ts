import { expect, test } from "bun:test";
import { resolve } from "node:path";

test("npm run demo plays the seated-patient and look-alike scenarios and exits 0", async () => {
  const root = resolve(import.meta.dir, "../../..");
  const { scripts } = JSON.parse(await Bun.file(resolve(root, "package.json")).text());
  const [runtime, ...script] = String(scripts.demo).split(" ");
  expect(runtime).toBe("bun");
  const child = Bun.spawn([process.execPath, ...script], { cwd: root, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  expect(out).toContain("Open Dental has procedure note");
  expect(out).toContain("the agent held it: patient_not_found");
  expect(out).toContain("The demo played every step as described.");
}, 120_000);
