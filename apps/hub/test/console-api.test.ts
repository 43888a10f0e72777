import { afterEach, expect, test } from "bun:test";
import type { ConsoleAssets } from "../src/console/console-assets.ts";
import { type CareTeamHub, startCareTeamHub } from "./support/care-team-hub.ts";

// The console's HTTP side: its files only when the hub serves it, the demo sign-in only in the
// demo clinic, the operator's view for a clinic's admins only (the Playwright tests in
// apps/console/test drive the rest through a browser).

const ASSETS: ConsoleAssets = new Map([
  ["index.html", { body: new TextEncoder().encode("<!doctype html><title>c</title>"), type: "text/html" }],
]);

let hub: CareTeamHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

const get = (path: string, token?: string) =>
  fetch(`${hub?.t.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

test("a hub started without the console has no /console", async () => {
  hub = await startCareTeamHub();
  expect((await get("/console/")).status).toBe(404);
});

test("without the demo clinic, the console has no demo sign-in and says so", async () => {
  hub = await startCareTeamHub({ extra: { console: { assets: ASSETS } } });
  expect(await (await get("/console/api/config")).json()).toEqual({ demo: false });
  expect((await get("/console/api/demo/users")).status).toBe(404);
  const page = await get("/console/");
  expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  expect((await get("/console/../v1/reports")).status).toBe(404);
});

test("the operator's view: a clinic's admin sees their own clinic only; others are refused", async () => {
  hub = await startCareTeamHub({ extra: { console: { assets: ASSETS } } });
  const admin = await hub.token("admin-1", "admin");
  const answer = await get("/console/api/overview", admin);
  expect(answer.status).toBe(200);
  expect(await answer.json()).toMatchObject({ clinic_id: "clinic-a", reports: { window_hours: 24 } });
  expect((await get("/console/api/overview", await hub.token("dr-ada", "doctor"))).status).toBe(403);
  expect((await get("/console/api/overview")).status).toBe(401);
  // Another clinic's token signed with clinic-a's secret is refused, not shown clinic-b.
  expect((await get("/console/api/overview", await hub.token("admin-2", "admin", { clinic: "clinic-b" }))).status).toBe(
    401,
  );
});
