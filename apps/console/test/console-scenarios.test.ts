import { afterAll, beforeAll, expect, test } from "bun:test";
import { until } from "@sofia/testing";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../hub/test/support/browser.ts";
import { type ConsoleHub, startConsoleHub } from "./support/console-hub.ts";
import { listItems, type Person, screenshot, signIn } from "./support/console-page.ts";
import { tabTo } from "./support/keyboard.ts";

// The reference's three scenarios, played by three people in three browsers (a doctor, a patient,
// a pharmacist) through the console: every dashboard, toast and inbox updates without a reload.

let hub: ConsoleHub;
let browser: Browser;
let doctor: Person;
let patient: Person;
let pharmacist: Person;

beforeAll(async () => {
  if (CHROMIUM.skip) return;
  hub = await startConsoleHub();
  browser = await launchChromium();
  // Everyone signs in first: a prescription goes to the pharmacists the hub has seen connect.
  const people = await Promise.all(["dr-demo", "pat-jane", "ph-omar"].map((id) => signIn(browser, hub.url, id)));
  [doctor, patient, pharmacist] = [people[0] ?? doctor, people[1] ?? patient, people[2] ?? pharmacist];
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const click = (person: Person, name: string | RegExp) => person.page.getByRole("button", { name }).first().click();
const toast = (person: Person, event: string) => person.page.getByTestId("toasts").locator(`[data-event="${event}"]`);
const count = (locator: { count(): Promise<number> }, n: number) => async () => (await locator.count()) === n;

test.skipIf(CHROMIUM.skip)(
  "scenario 1: the patient approves an access request and the doctor sees it live",
  async () => {
    CHROMIUM.check();
    expect(await doctor.page.getByTestId("transport").textContent()).toContain("websocket");
    await click(doctor, /Request access/);
    await toast(patient, "new_access_request").waitFor();
    await listItems(patient, "access-requests", "pending").waitFor();
    await until(
      "the patient's badge counts it",
      async () => (await patient.page.getByTestId("unread").textContent())?.startsWith("1") ?? false,
    );
    // By keyboard: Tab through the page to "Approve" (focus visible on the way), then Enter.
    await tabTo(patient, "Approve");
    await patient.page.keyboard.press("Enter");
    await toast(doctor, "access_request_status_changed").waitFor();
    await listItems(doctor, "access-outcomes", "approved").waitFor();
    await listItems(patient, "access-requests", "approved").waitFor();
  },
  60_000,
);

test.skipIf(CHROMIUM.skip)(
  "scenario 2: a prescription goes validated → prepared → ready → delivered",
  async () => {
    CHROMIUM.check();
    await click(doctor, /Prescribe/);
    await toast(pharmacist, "prescription_status_changed").waitFor();
    await listItems(pharmacist, "prescriptions", "validated").waitFor();
    await listItems(patient, "prescriptions", "validated").waitFor();
    for (const [button, status] of [
      ["Mark prepared", "prepared"],
      ["Mark ready", "ready"],
      ["Mark delivered", "delivered"],
    ] as const) {
      await click(pharmacist, button);
      await listItems(patient, "prescriptions", status).waitFor();
      await listItems(doctor, "prescriptions", status).waitFor();
    }
    await screenshot(pharmacist, "pharmacist");
    expect(await listItems(pharmacist, "prescriptions").count()).toBe(1);
  },
  60_000,
);

test.skipIf(CHROMIUM.skip)(
  "scenario 3: a new medical record reaches the patient; mark as read empties the badge",
  async () => {
    CHROMIUM.check();
    await click(doctor, /Create a record/);
    await toast(patient, "medical_record_created").waitFor();
    await listItems(patient, "records").first().waitFor();
    await screenshot(patient, "patient");
    await click(patient, "Mark all as read");
    await until(
      "the patient's inbox is all read",
      async () => (await patient.page.getByTestId("unread").textContent())?.startsWith("0") ?? false,
    );
    await until("every item says read", count(patient.page.locator('[data-testid="inbox"] li.unread'), 0));
  },
  60_000,
);

test.skipIf(CHROMIUM.skip)(
  "the patient's network is cut: the banner shows, and what came meanwhile arrives once",
  async () => {
    CHROMIUM.check();
    const records = listItems(patient, "records");
    const before = await records.count();
    await patient.context.setOffline(true);
    await patient.page.getByTestId("banner").and(patient.page.locator('[data-state="offline"]')).waitFor();
    await screenshot(patient, "patient-offline");
    // Really cut off: the hub no longer has a connection reading the patient's inbox.
    const inbox = `clinic:${hub.demo.clinic_id}:user:pat-jane`;
    await until("the hub sees the patient's socket go", () => hub.t.hub.registry.forRecipient(inbox).length === 0, {
      timeoutMs: 30_000,
    });
    await click(doctor, /Create a record/);
    await click(doctor, /Prescribe/);
    await listItems(doctor, "prescriptions").nth(1).waitFor();
    await patient.context.setOffline(false);
    await patient.page.getByTestId("transport").waitFor({ timeout: 20_000 });
    await until("the record made while offline is listed", count(records, before + 1), { timeoutMs: 20_000 });
    await until("and the prescription", count(listItems(patient, "prescriptions"), 2));
    const ids = await patient.page
      .locator('[data-testid="inbox"] li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-id")));
    expect(new Set(ids).size).toBe(ids.length);
  },
  60_000,
);
