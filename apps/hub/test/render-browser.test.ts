import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { cleanText } from "../src/render/clean-text.ts";
import { linesOf, sectionsOf } from "../src/render/context.ts";
import { renderHtml } from "../src/render/html.ts";
import { CHROMIUM, launchChromium } from "./support/browser.ts";
import { GOLDEN_CASES } from "./support/render-fixtures.ts";

describe.skipIf(CHROMIUM.skip)("the HTML rendering in a real browser", () => {
  let browser: Browser | null = null;
  /** The shared browser, started again if it died (one crash under load must not fail every case). */
  const aBrowser = async (): Promise<Browser> => {
    if (!browser?.isConnected()) browser = await launchChromium();
    return browser;
  };
  beforeAll(async () => {
    await aBrowser();
  }, 90_000);
  afterAll(() => browser?.close());

  for (const [name, ctx] of Object.entries(GOLDEN_CASES)) {
    test(`${name}: shows every section as text, runs nothing, lays out in the report's direction, prints`, async () => {
      const page = await (await aBrowser()).newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      // The fragment is pasted into a host page, as a clinic's web app or e-mail would.
      await page.setContent(`<!doctype html><meta charset="utf-8"><body>${renderHtml(ctx)}</body>`);
      // What a reader sees (innerText), with <br> as a line break.
      const shown = await page.locator("section p").allInnerTexts();
      const expected = sectionsOf(ctx).map((s) => linesOf(cleanText(s.text)).join("\n"));
      expect(shown.map((s) => s.replace(/\u00a0/g, " "))).toEqual(expected);
      const direction = await page.evaluate("getComputedStyle(document.querySelector('article')).direction");
      expect(direction).toBe(name === "ar" ? "rtl" : "ltr");
      expect(await page.$$("script, img, svg, iframe, style")).toHaveLength(0);
      expect(dialogs).toEqual([]);
      const pdf = await page.pdf({ format: "A4" });
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
      await page.close();
    }, 60_000);
  }
});
