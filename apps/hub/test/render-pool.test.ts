import { afterEach, describe, expect, test } from "bun:test";
import { MAX_REPORT_TEXT_CHARS } from "@sofia/protocol";
import { renderInline } from "../src/render/render-job.ts";
import { RenderBudgetExceeded, RenderPool } from "../src/render/render-pool.ts";
import { renderContext, report } from "./support/render-fixtures.ts";

describe("RenderPool", () => {
  let pool: RenderPool;
  afterEach(() => pool.close());

  test("renders on a worker exactly what the renderers make in-process", async () => {
    pool = new RenderPool();
    const ctx = renderContext({ language: "ar", report: report("نص\nline 2 {\\}") });
    expect(await pool.inline(ctx)).toEqual(renderInline(ctx));
    const docx = await pool.docx(ctx);
    expect([...docx.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a ZIP container
  });

  test("a job over its budget is stopped and rejected; the next job runs on a fresh worker", async () => {
    pool = new RenderPool(10_000);
    const huge = renderContext({ report: report("ab \n".repeat(MAX_REPORT_TEXT_CHARS / 4 - 50)) });
    await expect(pool.docx(huge, 1)).rejects.toBeInstanceOf(RenderBudgetExceeded);
    const small = renderContext();
    expect(await pool.inline(small)).toEqual(renderInline(small));
  });

  test("jobs queue behind each other and each gets its own budget", async () => {
    pool = new RenderPool(10_000);
    const results = await Promise.all(
      ["a", "b", "c"].map((marker) => pool.inline(renderContext({ report: report(marker) }))),
    );
    expect(results.map((r) => r.plaintext.includes("HISTORY\n-------\na"))).toEqual([true, false, false]);
    expect(results[2]?.plaintext).toContain("HISTORY\n-------\nc");
  });

  test("closing rejects queued work and later calls", async () => {
    pool = new RenderPool();
    const pending = pool.inline(renderContext());
    pool.close();
    await expect(pending).rejects.toThrow("closed");
    await expect(pool.inline(renderContext())).rejects.toThrow("closed");
  });
});
