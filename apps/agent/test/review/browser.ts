import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

/** Where the review tests keep their screenshots (gitignored; the best are copied to docs/images). */
export const ARTIFACTS = join(import.meta.dir, "../../../../test-artifacts/review");

/**
 * Saves a screenshot of the viewport of `page` as `ARTIFACTS/<name>.png` (a full-page capture
 * leaves the report's sandboxed frame blank below the fold).
 */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The status page's per-install key, as `sofia-agent status` reads it. */
export function statusKey(secretFile: string): string {
  return readFileSync(secretFile, "utf8").trim();
}
