import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const SOURCE = join(import.meta.dir, "bcryptprimitives.c");

/**
 * Builds the bcryptprimitives.dll stand-in (see bcryptprimitives.c) with MinGW into `outDir`,
 * unless it is already there. Run directly (`bun apps/agent/test/wine/build-shim.ts DIR`) to put the
 * DLL next to a sofia-agent.exe for manual runs under Wine (DEVELOPERS.md).
 */
export async function buildShim(outDir: string): Promise<string> {
  const dll = join(outDir, "bcryptprimitives.dll");
  if (existsSync(dll)) return dll;
  mkdirSync(outDir, { recursive: true });
  const proc = Bun.spawn(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", dll, SOURCE, "-ladvapi32"], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [err, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`building the Wine shim failed (${code}): ${err}`);
  return dll;
}

if (import.meta.main) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: bun apps/agent/test/wine/build-shim.ts OUT_DIR");
    process.exit(2);
  }
  console.log(await buildShim(out));
}
