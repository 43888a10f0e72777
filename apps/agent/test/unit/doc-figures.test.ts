import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replaceBlock } from "../../scripts/doc-figures.ts";

test("docs/agent.md's build figures sit between the markers the generator rewrites", () => {
  const doc = readFileSync(join(import.meta.dir, "../../../../docs/agent.md"), "utf8");
  const rewritten = replaceBlock(doc, "| generated |");
  expect(rewritten).toContain(
    "<!-- build-figures:begin (npm run -s docs:agent-figures) -->\n| generated |\n<!-- build-figures:end -->",
  );
  // Everything outside the block is kept, and the block holds what a build measured.
  expect(rewritten.length).toBeLessThan(doc.length);
  expect(doc).toMatch(/Measured by `npm run -s docs:agent-figures` at commit \w+ with Bun /);
  expect(() => replaceBlock("no markers", "x")).toThrow("no build-figures markers");
});
