import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import type { RunningAgent } from "../../src/agent.ts";
import { AgentHome } from "../support/agent-harness.ts";
import { delivery } from "../unit/fixtures.ts";
import { statusKey } from "./browser.ts";

/**
 * The review page's defences at the HTTP level, on an agent without Open Dental (its writer holds
 * every report, so there is something to review): the key on every request, the Host header, POST
 * and the CSRF token for every decision, the person's name, and the version the form saw.
 */
describe("review page: requests that must be refused", () => {
  const home = new AgentHome();
  let agent: RunningAgent;
  let base = "";
  let key = "";
  let csrf = "";
  const auth = () => ({ authorization: `Bearer ${key}` });
  const named = () => ({ ...auth(), cookie: `sofia_reviewer=${Buffer.from("Marie Curie").toString("base64url")}` });
  const form = (fields: Record<string, string>, headers: Record<string, string> = named()) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const version = () => agent.journal.history("rep_a").length;

  beforeAll(async () => {
    agent = await home.start();
    base = agent.status.url;
    key = statusKey(home.paths.statusSecretFile);
    agent.journal.recordDelivery(delivery(1, "rep_a"), "sdt_1");
    await agent.settled();
    const page = await (await fetch(`${base}/review/rep_a`, { headers: auth() })).text();
    csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  afterAll(() => home.dispose());

  test("without the key, with a wrong key, or with a foreign Host header: refused", async () => {
    for (const path of ["/review", "/review/rep_a", "/review/rep_a/confirm?patient=1&v=2"]) {
      expect((await fetch(`${base}${path}`)).status).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { ...auth(), host: "evil.example" } })).status).toBe(421);
      expect((await fetch(`${base}${path}`, { headers: { ...auth(), host: "127.0.0.1.evil.example" } })).status).toBe(
        421,
      );
    }
    const discard = { csrf, v: String(version()), reason: "test" };
    expect((await fetch(`${base}/review/rep_a/discard`, form(discard, {}))).status).toBe(401);
    expect(
      (await fetch(`${base}/review/rep_a/discard`, form(discard, { ...named(), host: "evil.example" }))).status,
    ).toBe(421);
    expect(agent.journal.get("rep_a")?.state).toBe("held");
  });

  test("with the key, a page counts the reports to review in its body and title", async () => {
    for (const path of ["/", "/review", "/review/rep_a", "/reports/rep_a", "/setup"]) {
      const html = await (await fetch(`${base}${path}`, { headers: auth() })).text();
      expect(html).toContain('<strong data-field="to_review">1</strong>');
      expect(html).toMatch(/<title>\(1\) /);
    }
    const figures = z
      .record(z.string(), z.string())
      .parse(await (await fetch(`${base}/api/figures`, { headers: auth() })).json());
    expect(figures.to_review).toBe("1");
  });

  test("a decision without the CSRF token, with a wrong one, from another site, as GET, or without a name: refused, nothing changes", async () => {
    const v = String(version());
    const refusals = [
      form({ v, reason: "no token" }),
      form({ csrf: "x".repeat(43), v, reason: "wrong token" }),
      form({ csrf, v, reason: "cross-site" }, { ...named(), origin: "https://evil.example" }),
      form({ csrf, v, reason: "cross-site" }, { ...named(), "sec-fetch-site": "cross-site" }),
      { ...form({ csrf, v, reason: "as JSON" }), headers: { ...named(), "content-type": "application/json" } },
      form({ csrf, v, reason: "x".repeat(10_000) }),
    ];
    for (const init of refusals) expect((await fetch(`${base}/review/rep_a/discard`, init)).status).toBe(403);
    expect((await fetch(`${base}/review/rep_a/discard`, form({ csrf, v, reason: "no name" }, auth()))).status).toBe(
      403,
    );
    expect((await fetch(`${base}/review/rep_a/discard`, { headers: named() })).status).toBe(404);
    expect((await fetch(`${base}/review/rep_a`, { method: "PUT", headers: named() })).status).toBe(405);
    expect((await fetch(`${base}/review/name`, form({ name: "Eve", back: "/review" }))).status).toBe(403);
    expect(
      (await fetch(`${base}/review/name`, form({ csrf, name: "Eve", back: "https://evil.example/" }))).status,
    ).toBe(403);
    expect(agent.journal.get("rep_a")?.state).toBe("held");
  });

  test("the name form sets a same-site cookie; a stale version is refused; the right one discards, once", async () => {
    const saved = await fetch(
      `${base}/review/name`,
      form({ csrf, name: "Marie Curie", back: "/review/rep_a" }, auth()),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/review/rep_a");
    expect(saved.headers.get("set-cookie")).toContain("HttpOnly; SameSite=Strict");
    const v = version();
    const stale = await fetch(`${base}/review/rep_a/discard`, form({ csrf, v: String(v - 1), reason: "old tab" }));
    expect(stale.status).toBe(409);
    const done = await fetch(`${base}/review/rep_a/discard`, form({ csrf, v: String(v), reason: "a test report" }));
    expect(done.status).toBe(303);
    expect(agent.journal.get("rep_a")).toMatchObject({
      state: "dead",
      reason: "discarded by Marie Curie: a test report",
    });
    const again = await fetch(`${base}/review/rep_a/discard`, form({ csrf, v: String(v), reason: "twice" }));
    expect(again.status).toBe(409);
    expect(agent.openDental.audit.of("rep_a").filter((a) => a.decision === "discard")).toHaveLength(1);
    // The hub hears of the discard under its own status id (v2), not as the held one it has.
    expect(agent.journal.pendingStatuses().map((s) => [s.status_id, s.status])).toContainEqual([
      "rep_a:failed",
      "failed",
    ]);
  });
});
