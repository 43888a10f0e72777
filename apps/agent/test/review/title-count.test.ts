import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CHROMIUM, launchChromium } from "@sofia/hub/test/support/browser.ts";
import type { Browser } from "playwright-core";
import { STATUS_SCRIPT } from "../../src/status/status.js.ts";

/**
 * `/status.js` in a real browser: the tab's title leads with the count of reports to review and
 * follows it at every refresh — once, never "(2) (2) (2) …", and gone at 0.
 */
const chromium = CHROMIUM;
describe.skipIf(chromium.skip)("the title's count of reports to review", () => {
  let browser: Browser;
  let toReview = "2";
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === "/status.js") return new Response(STATUS_SCRIPT, { headers: { "content-type": "text/javascript" } });
      if (path === "/api/figures") return Response.json({ to_review: toReview, total: "5" });
      const page = `<!doctype html><title>(2) Sofia agent</title><body data-refresh-ms="40"><script src="/status.js"></script></body>`;
      return new Response(page, { headers: { "content-type": "text/html" } });
    },
  });
  beforeAll(async () => {
    chromium.check();
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    server.stop(true);
  });

  test("stays one count across refreshes, follows it, and goes at zero", async () => {
    const page = await browser.newPage();
    let fetched = 0;
    page.on("response", (r) => {
      if (r.url().endsWith("/api/figures")) fetched++;
    });
    await page.goto(`http://127.0.0.1:${server.port}/`);
    // Several refreshes have run (each applies the count to the title).
    while (fetched < 4) await page.waitForResponse((r) => r.url().endsWith("/api/figures"));
    expect(await page.title()).toBe("(2) Sofia agent");
    toReview = "3";
    await page.waitForFunction('document.title === "(3) Sofia agent"');
    toReview = "0";
    await page.waitForFunction('document.title === "Sofia agent"');
  }, 30_000);
});
