import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildConsole } from "./build-console.ts";

// `npm run build -w @sofia/console`: writes the console to apps/console/dist (to inspect its size;
// the hub builds it in memory when it starts).
const out = join(import.meta.dir, "..", "dist");
mkdirSync(out, { recursive: true });
for (const [name, file] of await buildConsole()) {
  writeFileSync(join(out, name), file.body);
  console.log(`${name}\t${file.body.byteLength} bytes`);
}
