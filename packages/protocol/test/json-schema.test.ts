import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchemas } from "../scripts/json-schemas.ts";

const dir = join(import.meta.dir, "..", "schema");

test("the published JSON Schema files match the zod schemas (run `npm run schema` to update)", () => {
  const rendered = renderJsonSchemas();
  expect(readdirSync(dir).sort()).toEqual([...rendered.keys()].sort());
  for (const [file, text] of rendered) expect(readFileSync(join(dir, file), "utf8")).toBe(text);
});
