import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "./support/browser.ts";
import { type CareTeamHub, startCareTeamHub } from "./support/care-team-hub.ts";

const CLIENT_ENTRY = join(import.meta.dir, "..", "..", "..", "packages", "client", "src", "index.ts");
const work = mkdtempSync(join(tmpdir(), "sofia-client-browser-"));

/**
 * @sofia/client as a care-team web app runs it: bundled for browsers, in real Chromium, on
 * protocol v2 with a user's JWT. The page's own origin is a small server here; the hub is another
 * origin, as it would be in production.
 */
describe.skipIf(CHROMIUM.skip)("@sofia/client in a real browser", () => {
  let hub: CareTeamHub;
  let browser: Browser;
  let page: Bun.Server<undefined>;

  beforeAll(async () => {
    hub = await startCareTeamHub();
    const built = await Bun.build({ entrypoints: [CLIENT_ENTRY], target: "browser", format: "esm", outdir: work });
    expect(built.success).toBe(true);
    const bundle = await Bun.file(built.outputs[0]?.path ?? "").text();
    page = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: (request) =>
        new URL(request.url).pathname === "/client.js"
          ? new Response(bundle, { headers: { "content-type": "text/javascript" } })
          : new Response("<!doctype html><title>care app</title>", { headers: { "content-type": "text/html" } }),
    });
    // The clinic lets its web app's origin connect (sofia-hub clinics origins); pages from any other
    // origin are refused (test/security/origins.test.ts).
    await hub.t.store.directory.setAllowedOrigins("clinic-a", [`http://127.0.0.1:${page.port}`]);
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    page?.stop(true);
    await hub?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test("a patient's tab receives a notification live and marks it read", async () => {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${page.port}/`);
    const token = await hub.token("pat-1", "patient");
    await tab.evaluate(
      async ({ url, token, clientUrl }) => {
        const { SofiaClient, MemoryCursorStore } = await import(clientUrl);
        const seen: unknown[] = [];
        const client = new SofiaClient({
          url: () => url,
          credential: () => token,
          cursor: new MemoryCursorStore(),
          device: "browser-tab",
          events: ["new_access_request"],
          onDelivery: (d: { id: string; event: string; data: unknown }) => {
            seen.push(d);
            client.request({ type: "mark_read", ids: [d.id] });
          },
          onUserMessage: (m: unknown) => seen.push(m),
        });
        Object.assign(globalThis, { seen, client });
        await client.start();
      },
      { url: `${hub.t.v2Url}`, token, clientUrl: `http://127.0.0.1:${page.port}/client.js` },
    );
    await tab.waitForFunction(
      () => (globalThis as unknown as { client: { state: string } }).client.state === "connected",
    );
    const published = await hub.notify({
      to: { type: "user", clinic_id: "clinic-a", user_id: "pat-1" },
      event: "new_access_request",
      data: { request_id: "req-b", patient_id: "pat-1", doctor_id: "dr-ada", requested_at: "2026-12-02T09:00:00.000Z" },
    });
    expect(published.status).toBe(202);
    await tab.waitForFunction(() =>
      (globalThis as unknown as { seen: { type?: string }[] }).seen.some((m) => m.type === "read"),
    );
    const seen = await tab.evaluate(() => (globalThis as unknown as { seen: unknown[] }).seen);
    expect(seen).toContainEqual(
      expect.objectContaining({ event: "new_access_request", data: expect.objectContaining({ request_id: "req-b" }) }),
    );
    await tab.close();
  }, 60_000);
});
