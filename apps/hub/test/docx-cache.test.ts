import { describe, expect, test } from "bun:test";
import { DocxCache } from "../src/render/docx-cache.ts";
import { renderContext } from "./support/render-fixtures.ts";

const doc = (bytes: number, fill = 1) => new Uint8Array(new ArrayBuffer(bytes)).fill(fill);

describe("DocxCache", () => {
  const ctx = renderContext();

  test("concurrent requests for one report share one rendering, later ones hit the cache", async () => {
    const cache = new DocxCache(1024);
    let renders = 0;
    const render = async () => {
      renders++;
      return doc(100);
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get("rep_a", ctx, render)));
    expect(new Set(all).size).toBe(1);
    await cache.get("rep_a", ctx, render);
    expect(renders).toBe(1);
    expect(cache.renders).toBe(1);
  });

  test("a change of what the document shows (the clinic's layout, names) renders it again", async () => {
    const cache = new DocxCache(1024);
    let renders = 0;
    const render = async () => doc(100, ++renders);
    await cache.get("rep_a", ctx, render);
    await cache.get("rep_a", { ...ctx, clinicName: "Renamed Clinic" }, render);
    expect(renders).toBe(2);
  });

  test("stays within its byte budget, dropping the least recently used first", async () => {
    const cache = new DocxCache(300);
    let renders = 0;
    const render = async () => doc(70, ++renders);
    for (const id of ["a", "b", "c", "d"]) await cache.get(id, ctx, render); // 280 bytes
    await cache.get("a", ctx, render); // a is now the most recent
    await cache.get("e", ctx, render); // 350 > 300: b, the least recent, goes
    expect(renders).toBe(5);
    await cache.get("a", ctx, render);
    expect(renders).toBe(5);
    await cache.get("b", ctx, render);
    expect(renders).toBe(6);
  });

  test("a failed rendering is not cached, and a document over a quarter of the budget is not kept", async () => {
    const cache = new DocxCache(400);
    await expect(cache.get("x", ctx, () => Promise.reject(new Error("budget")))).rejects.toThrow("budget");
    let renders = 0;
    await cache.get("x", ctx, async () => doc(10, ++renders));
    expect(renders).toBe(1);
    await cache.get("big", ctx, async () => doc(101, ++renders));
    await cache.get("big", ctx, async () => doc(101, ++renders));
    expect(renders).toBe(3);
  });
});
