import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { CHROMIUM, launchChromium } from "@sofia/hub/test/support/browser.ts";
import { until } from "@sofia/testing";
import type { Browser } from "playwright-core";
import { StatusSnapshot } from "../../src/status/snapshot.ts";
import { AgentHome } from "../support/agent-harness.ts";
import { delivery } from "./fixtures.ts";

describe("local status page", () => {
  const home = new AgentHome();
  let base = "";
  let secret = "";

  beforeAll(async () => {
    const agent = await home.start();
    base = agent.status.url;
    secret = readFileSync(home.paths.statusSecretFile, "utf8").trim();
    agent.journal.recordDelivery(delivery(1, "rep_page"), "sdt_1");
    await agent.settled();
  });
  afterAll(() => home.dispose());

  test("listens on loopback only and refuses requests without the secret", async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/api/status`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(`${base}/?key=wrong`)).status).toBe(401);
  });

  test("a foreign Host header (DNS rebinding) is refused even with the secret", async () => {
    const response = await fetch(`${base}/api/status`, {
      headers: { authorization: `Bearer ${secret}`, host: "evil.example" },
    });
    expect(response.status).toBe(421);
  });

  test("the link with ?key= sets a same-site cookie; the page shows state, counts and held reports", async () => {
    const login = await fetch(`${base}/?key=${secret}`, { redirect: "manual" });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toContain("HttpOnly; SameSite=Strict");
    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Not configured");
    expect(html).toContain("enroll CODE --hub URL");
    expect(html).toContain("rep_page");
    expect(html).toContain("no writer is configured on this PC yet");
    const detail = await fetch(`${base}/reports/rep_page`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(await detail.text()).toContain("Findings: m");
  });

  test("the JSON status parses with its schema and carries no report content", async () => {
    const response = await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${secret}` } });
    const text = await response.text();
    const status = StatusSnapshot.parse(JSON.parse(text));
    expect(status.journal.held).toBe(1);
    expect(status.recent[0]).toMatchObject({ report_id: "rep_page", state: "held" });
    expect(text).not.toContain("Findings");
    expect(
      (await fetch(`${base}/api/status`, { method: "POST", headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(405);
  });
});

describe("every report is reachable: pages and a filter by state", () => {
  const home = new AgentHome();
  let base = "";
  let auth: Record<string, string> = {};

  beforeAll(async () => {
    const agent = await home.start();
    base = agent.status.url;
    auth = { authorization: `Bearer ${readFileSync(home.paths.statusSecretFile, "utf8").trim()}` };
    // 1,201 held reports (the review sink holds each one) and one written.
    for (let seq = 1; seq <= 1201; seq++) {
      agent.journal.recordDelivery(delivery(seq, `rep_${String(seq).padStart(4, "0")}`), "sdt_1");
    }
    // The processor takes them 20 at a time; each settled() is one pass.
    while (agent.journal.counts().received > 0) await agent.settled();
    agent.journal.recordDelivery(delivery(1202, "rep_written"), "sdt_1");
    agent.journal.move("rep_written", "bound");
    agent.journal.move("rep_written", "written");
  }, 60_000);
  afterAll(() => home.dispose());

  const ids = (html: string) => [...html.matchAll(/href="\/reports\/(rep_\w+)"/g)].map((m) => m[1]);

  test("the held list pages through all 1,201, newest first, 50 a page", async () => {
    const first = await (await fetch(`${base}/?state=held`, { headers: auth })).text();
    expect(ids(first)).toHaveLength(50);
    expect(ids(first)[0]).toBe("rep_1201");
    expect(first).toContain("reports 1–50 of 1201");
    expect(first).toContain("page 1 of 25");
    expect(first).toContain('href="/?state=held&amp;page=2"');
    const seen = new Set<string>();
    for (let page = 1; page <= 25; page++) {
      const html = await (await fetch(`${base}/?state=held&page=${page}`, { headers: auth })).text();
      for (const id of ids(html)) seen.add(id ?? "");
    }
    expect(seen.size).toBe(1201);
    expect(seen.has("rep_0001")).toBe(true);
    expect(seen.has("rep_written")).toBe(false);
  }, 30_000);

  test("the filter shows one state; a wrong state or page is a 400 that says what is allowed", async () => {
    const written = await (await fetch(`${base}/?state=written`, { headers: auth })).text();
    expect(ids(written)).toEqual(["rep_written"]);
    expect(written).toContain("written (1)");
    expect(written).toContain("held (1201)");
    const bad = await fetch(`${base}/?state=lost`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("state is one of received, bound, written, held, failed, dead");
    expect((await fetch(`${base}/?page=0`, { headers: auth })).status).toBe(400);
  });
});

const chromium = CHROMIUM;
describe.skipIf(chromium.skip)("the status page in a browser", () => {
  const home = new AgentHome();
  let browser: Browser;

  beforeAll(async () => {
    chromium.check();
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await home.dispose();
  });

  test("figures update in place: the page never reloads, and a selection being copied survives", async () => {
    const agent = await home.start({ refreshMs: 100 });
    agent.journal.recordDelivery(delivery(1, "rep_first"), "sdt_1");
    await agent.settled();
    const secret = readFileSync(home.paths.statusSecretFile, "utf8").trim();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.goto(`${agent.status.url}/?key=${secret}`);
    // A marker that a reload would wipe out, and a selection a person is about to copy.
    await page.evaluate(`
      window.notReloaded = true;
      const cell = [...document.querySelectorAll("a")].find((a) => a.textContent === "rep_first");
      window.getSelection().selectAllChildren(cell);
    `);
    expect(await page.locator('[data-field="count.held"]').textContent()).toBe("1");
    agent.journal.recordDelivery(delivery(2, "rep_second"), "sdt_1");
    await agent.settled();
    const held = page.locator('[data-field="count.held"]');
    await until("the count refreshed in place", async () => (await held.textContent()) === "2", { timeoutMs: 20_000 });
    expect(await page.evaluate("window.notReloaded")).toBe(true);
    expect(await page.evaluate("window.getSelection().toString()")).toBe("rep_first");
    expect(await page.locator("#newer").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
