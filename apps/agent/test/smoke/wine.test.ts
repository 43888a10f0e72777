import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { addDoctor, startTestHub, type TestHub } from "@sofia/hub/test/support/test-hub.ts";
import { needProgram, readUntil } from "@sofia/testing";
import { enrollmentCode } from "../support/hub-cli.ts";
import { publishUntilHeld } from "../support/publisher.ts";
import { buildShim } from "../wine/build-shim.ts";
import { CACHE, cachedExecutable, run } from "./cached-binary.ts";

// Debian's wine64 package puts no `wine` on PATH: its loader is /usr/lib/wine/wine64, which finds
// /usr/lib/wine/wineserver through PATH (a symlink named `wine` fails to exec the loader).
const INSTALL = "apt-get install -y --no-install-recommends wine64 gcc-mingw-w64-x86-64";
const wine = needProgram("Wine", ["wine", "/usr/lib/wine/wine64"], INSTALL);
const wineserver = needProgram("wineserver", ["wineserver", "/usr/lib/wine/wineserver"], INSTALL);
const mingw = needProgram("MinGW", ["x86_64-w64-mingw32-gcc"], INSTALL);
const x64 = process.arch === "x64";
if (!x64) console.log("skipping the windows-x64 smoke test under Wine: this machine is not x64");
const runsHere = x64 && !wine.skip && !wineserver.skip && !mingw.skip;

// One prefix for every run: creating it takes Wine ~10 s. It holds nothing but Wine's own files.
const env = {
  WINEPREFIX: join(CACHE, "wine-prefix"),
  WINEDEBUG: "-all",
  PATH: `${dirname(wineserver.path)}:${process.env.PATH ?? ""}`,
};
let t: TestHub;
let exe: string;
mkdirSync(join(CACHE, "tmp"), { recursive: true });
const home = mkdtempSync(join(CACHE, "tmp", "wine-home-"));
const winHome = `Z:${home.replaceAll("/", "\\")}`;

beforeAll(async () => {
  if (!runsHere) return;
  for (const tool of [wine, wineserver, mingw]) tool.check();
  exe = await cachedExecutable("windows-x64");
  // Windows looks for DLLs next to the executable first.
  await buildShim(dirname(exe));
  t = await startTestHub();
  await addDoctor(t, "dr-win", "clinic-win");
}, 180_000);
afterAll(async () => {
  await t?.stop();
  // Ends only the Windows processes of our own prefix.
  if (runsHere) await run([wineserver.path, "-k"], env, 30_000);
  rmSync(home, { recursive: true, force: true });
});

test.skipIf(!runsHere)(
  "the windows-x64 executable prints its version under Wine",
  async () => {
    const result = await run([wine.path, exe, "--version"], env, 120_000);
    expect(result.stdout.trim()).toBe("sofia-agent 0.1.0 (commit smoke-test)");
    expect(result.code).toBe(0);
  },
  150_000,
);

test.skipIf(!runsHere)(
  "under Wine it enrolls (credential protected with DPAPI), connects, journals and acknowledges",
  async () => {
    const code = await enrollmentCode(t.dataDir, "dr-win", "clinic-win");
    const enrolled = await run([wine.path, exe, "enroll", code, "--hub", t.url, "--home", winHome], env);
    expect(enrolled.stdout).toContain("for doctor dr-win");
    expect(enrolled.code).toBe(0);
    // The credential file is a DPAPI blob: the token is not in it in the clear.
    const blob = readFileSync(join(home, "credential.dpapi"));
    expect(blob.toString("latin1")).not.toContain("sdt_");
    const agent = Bun.spawn([wine.path, exe, "run", "--home", winHome, "--status-port", "0"], {
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, ...env },
    });
    try {
      await readUntil(agent.stdout, /sofia-agent running/, 60_000);
      await publishUntilHeld(t, "dr-win", "win", 30_000);
    } finally {
      agent.kill("SIGTERM");
      await run([wineserver.path, "-k"], env, 30_000);
    }
  },
  150_000,
);
