import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../hub/test/support/browser.ts";
import { enrollAgent } from "../../hub/test/support/test-hub.ts";
import { type ConsoleHub, startConsoleHub } from "./support/console-hub.ts";
import { type Person, screenshot, signIn } from "./support/console-page.ts";
import { FakeAgent } from "./support/fake-agent.ts";

// The doctor follows a report to the clinic's PC (held and why, then written on a PatNum), and the
// clinic's operator sees the agent go offline and come back, and the held report.

let hub: ConsoleHub;
let browser: Browser;
let doctor: Person;
let operator: Person;

beforeAll(async () => {
  if (CHROMIUM.skip) return;
  hub = await startConsoleHub();
  browser = await launchChromium();
  const people = await Promise.all(["dr-demo", "admin-sam"].map((id) => signIn(browser, hub.url, id)));
  doctor = people[0] ?? doctor;
  operator = people[1] ?? operator;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const agentRow = (online: boolean) =>
  operator.page.getByTestId("agents").locator(`li[data-online="${online}"]`).filter({ hasText: "Operatory 1" });
const delivery = (state: string) => doctor.page.locator(`[data-testid="delivery"][data-state="${state}"]`);

test.skipIf(CHROMIUM.skip)(
  "a report appears live with its delivery state; the operator sees the agent and the held report",
  async () => {
    CHROMIUM.check();
    const enrolled = await enrollAgent(hub.t, hub.demo.doctor_id, hub.demo.clinic_id);
    let agent = await FakeAgent.connect(hub.t.v2Url, enrolled.device_token);
    await agentRow(true).waitFor();
    expect(await agentRow(true).textContent()).toContain("1.4.0");

    const held = await hub.publishReport("first visit");
    await doctor.page.getByTestId("report").filter({ hasText: "first visit" }).waitFor();
    expect(await agent.nextReport()).toBe(held);
    agent.status(held, "s1", { status: "received" });
    await delivery("received").waitFor();
    agent.status(held, "s2", { status: "held", reason: "no patient in the chair matches Jane Doe" });
    await delivery("held").filter({ hasText: "no patient in the chair" }).waitFor();
    await screenshot(doctor, "doctor-held");
    await operator.page.getByTestId("held").locator(`li[data-report="${held}"]`).waitFor();
    await operator.page.locator('[data-bucket="held"] dd').filter({ hasText: /^1$/ }).waitFor();

    agent.close();
    await agentRow(false).waitFor();
    await screenshot(operator, "operator-agent-offline");
    agent = await FakeAgent.connect(hub.t.v2Url, enrolled.device_token, "1.5.0");
    await agentRow(true).filter({ hasText: "1.5.0" }).waitFor();

    const written = await hub.publishReport("second visit");
    await doctor.page.getByTestId("report").filter({ hasText: "second visit" }).waitFor();
    expect(await agent.nextReport()).toBe(written);
    agent.status(written, "s3", {
      status: "written",
      target: { system: "opendental", ids: { PatNum: 42, ProcNum: 7 } },
    });
    await delivery("written").filter({ hasText: "PatNum 42" }).waitFor();
    await screenshot(doctor, "doctor");
    // The live figures are the clinic's own: what reached its users and its agent was measured.
    await operator.page.locator('[data-bucket="written"] dd').filter({ hasText: /^1$/ }).waitFor();
    await operator.page.getByTestId("rates").filter({ hasNotText: "not measured" }).waitFor();
    await screenshot(operator, "operator");
    agent.close();
  },
  90_000,
);

test.skipIf(CHROMIUM.skip)("the operator's view is for a clinic's admins only", async () => {
  const tokenOf = async (user_id: string) => {
    const response = await fetch(`${hub.t.url}/console/api/demo/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id }),
    });
    const body: unknown = await response.json();
    return typeof body === "object" && body && "token" in body ? String(body.token) : "";
  };
  const overview = (token: string) =>
    fetch(`${hub.t.url}/console/api/overview`, { headers: { authorization: `Bearer ${token}` } });
  expect((await overview(await tokenOf("dr-demo"))).status).toBe(403);
  expect((await overview("not-a-token")).status).toBe(401);
  const mine = await overview(await tokenOf("admin-sam"));
  expect(mine.status).toBe(200);
  expect(await mine.text()).not.toContain("first visit");
});

test.skipIf(CHROMIUM.skip)("a French browser gets the console in French", async () => {
  CHROMIUM.check();
  const french = await signIn(browser, hub.url, "pat-jane", "fr-FR");
  await french.page.getByRole("heading", { name: /Boîte de réception/ }).waitFor();
  expect(await french.page.getAttribute("html", "lang")).toBe("fr");
  await french.context.close();
});
