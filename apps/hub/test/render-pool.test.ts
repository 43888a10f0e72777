import { afterEach, describe, expect, test } from "bun:test";
import { MAX_REPORT_TEXT_CHARS } from "@sofia/protocol";
import { defaultRenderPoolSettings, RenderBudgetExceeded, RenderQueueFull } from "../src/render/pool-settings.ts";
import { renderInline } from "../src/render/render-job.ts";
import { RenderPool } from "../src/render/render-pool.ts";
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
    pool = new RenderPool({ budgetMs: 10_000 });
    const huge = renderContext({ report: report("ab \n".repeat(MAX_REPORT_TEXT_CHARS / 4 - 50)) });
    await expect(pool.docx(huge, 1)).rejects.toBeInstanceOf(RenderBudgetExceeded);
    const small = renderContext();
    expect(await pool.inline(small)).toEqual(renderInline(small));
  });

  test("jobs queue behind each other and each gets its own budget", async () => {
    pool = new RenderPool({ budgetMs: 10_000 });
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

  // Issue 13, risk 7: one worker served everything, so twenty downloads of one link made a small
  // publish wait 10.8 s, and a valid report was refused when the budget counted a worker's start.

  test("publishing never waits behind downloads", async () => {
    pool = new RenderPool({ budgetMs: 10_000, workers: 2, downloadWorkers: 1 });
    const big = renderContext({ report: report("word ".repeat(19_000)) });
    const finished: string[] = [];
    const downloads = Array.from({ length: 20 }, (_, i) => pool.docx(big).then(() => finished.push(`docx ${i}`)));
    const publish = pool.inline(renderContext()).then(() => finished.push("publish"));
    await Promise.all([...downloads, publish]);
    expect(finished.indexOf("publish")).toBeLessThan(finished.indexOf("docx 19"));
    expect(finished.indexOf("publish")).toBeLessThan(2);
  });

  test("the budget is the work's own CPU time: starting a worker is not counted", async () => {
    // A fresh worker takes tens of milliseconds to load its modules; the rendering itself, a few.
    pool = new RenderPool({ budgetMs: 30 });
    const ctx = renderContext();
    expect(await pool.inline(ctx)).toEqual(renderInline(ctx));
  });

  test("a full queue refuses at once, per purpose", async () => {
    pool = new RenderPool({
      budgetMs: 10_000,
      workers: 2,
      downloadWorkers: 1,
      queueLimits: { publish: 1, download: 2 },
    });
    const big = renderContext({ report: report("word ".repeat(19_000)) });
    // Two may wait (a third only while the first waits for its worker to start); then refusals.
    const outcomes = Array.from({ length: 4 }, () =>
      pool.docx(big).then(
        () => "rendered",
        (error: unknown) => (error instanceof RenderQueueFull ? `refused: ${error.purpose}` : String(error)),
      ),
    );
    // Publishing has its own queue: it is served while downloads are refused.
    expect(await pool.inline(renderContext())).toEqual(renderInline(renderContext()));
    const results = await Promise.all(outcomes);
    expect(results.filter((r) => r === "refused: download").length).toBeGreaterThanOrEqual(1);
    expect(results.slice(0, 2)).toEqual(["rendered", "rendered"]);
  });

  test("the pool is sized to the machine: one worker per core, 2 to 8, one kept for publishing", () => {
    expect(defaultRenderPoolSettings(1)).toMatchObject({ workers: 2, downloadWorkers: 1 });
    expect(defaultRenderPoolSettings(4)).toMatchObject({ workers: 4, downloadWorkers: 3 });
    expect(defaultRenderPoolSettings(64)).toMatchObject({ workers: 8, downloadWorkers: 7 });
  });
});
