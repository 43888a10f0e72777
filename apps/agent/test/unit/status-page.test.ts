import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
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
