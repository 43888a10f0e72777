import { join } from "node:path";
import { renderJsonSchemas } from "./json-schemas.ts";

// Regenerates packages/protocol/schema/*.json from the zod schemas. A test fails when they differ.
const dir = join(import.meta.dir, "..", "schema");
for (const [file, text] of renderJsonSchemas()) {
  await Bun.write(join(dir, file), text);
  console.log(`wrote schema/${file}`);
}
