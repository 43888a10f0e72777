import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { CHROMIUM, launchChromium } from "@sofia/hub/test/support/browser.ts";
import { publish, sampleReport } from "@sofia/hub/test/support/test-hub.ts";
import { type Patient, PublishReportResponse } from "@sofia/protocol";
import { testDatabases } from "@sofia/testing/databases";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DOCTOR, TestClinic } from "../support/od-clinic.ts";
import { TIME_ZONE } from "../support/od-office.ts";
import { shot, statusKey } from "./browser.ts";

// SQLite only: the writer's behaviour on MariaDB is covered by the Open Dental end-to-end tests.
const [sqlite] = testDatabases("@sofia/agent review page", "od_review");
let clinic: TestClinic | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;

afterEach(async () => {
  await context?.close();
  context = null;
  await clinic?.close();
  clinic = null;
});
beforeAll(async () => {
  if (!CHROMIUM.skip) browser = await launchChromium();
});
afterAll(() => browser?.close());

/** A browser tab logged in to the agent's status page with its key, as the CLI's link does. */
async function openTab(c: TestClinic, locale = "en-US"): Promise<{ page: Page; base: string }> {
  if (!browser) throw new Error("no browser");
  context ??= await browser.newContext({ locale, viewport: { width: 1100, height: 1500 } });
  const page = await context.newPage();
  const base = c.agent.status.url;
  await page.goto(`${base}/?key=${statusKey(c.home.paths.statusSecretFile)}`);
  return { page, base };
}

/** Publishes a report of today's visit, dated by the producer in the office's calendar. */
async function publishVisit(c: TestClinic, patient: Patient | undefined, marker: string): Promise<string> {
  const visitDate = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
  const response = await publish(c.hub, c.producer, {
    doctor_id: DOCTOR,
    report: sampleReport(marker),
    visit_date: visitDate,
    ...(patient ? { patient } : {}),
  });
  return PublishReportResponse.parse(await response.json()).id;
}

const notesOf = async (c: TestClinic, patNum: number) =>
  c.office.store.select("procnote", { where: [{ column: "PatNum", op: "=", value: patNum }] });

describe.skipIf(CHROMIUM.skip)("reviewing held reports in the browser", () => {
  test("a look-alike is held; the assistant searches, picks the right patient, confirms: one note, there; a second tab cannot write it again", async () => {
    CHROMIUM.check();
    clinic = await TestClinic.open({
      db: await (sqlite?.fresh() ?? Promise.reject(new Error("no sqlite"))),
      protocol: "v2",
    });
    const c = clinic;
    const { office } = c;
    const older = office.ids.patient("John", "Smith", "1962-04-18");
    const younger = office.ids.patient("John", "Smith", "1995-09-02");
    // The demo seats Mateo Garcia in OP1: the report is about another patient, so it is held.
    const id = await publishVisit(c, { name: "John Smith", birthdate: "1995-09-02" }, "lookalike");
    expect((await c.settled(id)).reason).toStartWith("patient_mismatch:");
    const before = await office.counts();

    const { page: tabA, base } = await openTab(c);
    expect(await tabA.title()).toStartWith("(1) ");
    await expect(tabA.locator(".to-review").textContent()).resolves.toContain("Reports to review: 1");
    await tabA.locator(".to-review a").focus();
    await tabA.keyboard.press("Enter");
    await tabA.waitForURL(`${base}/review`);
    await shot(tabA, "01-to-review");
    await tabA.locator(`a[href="/review/${id}"]`).focus();
    await tabA.keyboard.press("Enter");
    await tabA.waitForURL(`${base}/review/${id}`);
    // First use on this PC: the assistant's name, then the page offers decisions.
    await tabA.locator("#reviewer").fill("Marie Curie");
    await tabA.keyboard.press("Enter");
    await tabA.waitForSelector("text=You are Marie Curie.");

    // The second tab shows the same held report, and goes as far as confirming the other John Smith.
    const { page: tabB } = await openTab(c);
    await tabB.goto(`${base}/review/${id}?q=smith`);
    await tabB.locator("h3 + table tr", { hasText: "1962-04-18" }).getByRole("link").click();
    await tabB.waitForSelector("#confirm-write");

    // The report's HTML rendering is shown, inert, in its sandboxed frame.
    const rendering = tabA.frames().find((f) => f !== tabA.mainFrame());
    expect(await rendering?.content()).toContain("history lookalike");
    const chair = tabA.locator("table tr").filter({ hasText: "PatNum" }).first();
    expect(await chair.textContent()).toContain("in the chair now (OP1)");
    await tabA.locator("#q").fill("smi");
    await tabA.keyboard.press("Enter");
    await tabA.waitForSelector("h3:has-text('Patients found for “smi”')");
    const results = tabA.locator("h3 + table tr");
    await expect(results.filter({ hasText: "Smith, John" }).count()).resolves.toBe(2);
    await shot(tabA, "02-search");
    await results.filter({ hasText: "1995-09-02" }).getByRole("link").focus();
    await tabA.keyboard.press("Enter");
    await tabA.waitForSelector("#confirm-write");
    expect(await tabA.locator("#confirm-write").textContent()).toBe("Write to Smith, John R, born 1995-09-02");
    await shot(tabA, "03-confirm");
    await tabA.locator("#confirm-write").focus();
    await tabA.keyboard.press("Enter");
    await tabA.waitForURL(`${base}/review/${id}`);

    const entry = await c.settled(id);
    expect(entry.state).toBe("written");
    await tabA.reload();
    await tabA.waitForSelector("text=Written to Open Dental.");
    expect(await tabA.title()).not.toStartWith("(");
    await shot(tabA, "04-written");

    // The stale tab presses its button: refused, nothing written.
    await tabB.locator("#confirm-write").click();
    await tabB.waitForSelector(".notice");
    expect(await tabB.locator(".notice").textContent()).toContain("already dealt with");
    await shot(tabB, "05-second-tab-refused");

    const after = await office.counts();
    expect(after).toEqual({ ...before, procedurelog: before.procedurelog + 1, procnote: before.procnote + 1 });
    const notes = await notesOf(c, younger);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.Note).toContain("history lookalike");
    expect(await notesOf(c, older)).toHaveLength(0);

    const audit = c.agent.openDental.audit.of(id).map((a) => [a.decision, a.pat_num, a.source, a.rule]);
    expect(audit.slice(1)).toEqual([
      ["write", younger, "review", "person"],
      ["written", younger, "review", "person"],
    ]);
    expect(JSON.parse(c.agent.openDental.audit.of(id)[1]?.detail ?? "{}")).toEqual({ by: "Marie Curie" });
    const released = await c.statusAtHub(id, "received");
    const timeline = await c.timeline(id);
    const decision = timeline.events.filter((e) => e.type === "received").at(-1);
    expect(decision?.detail).toMatchObject({ "id.PatNum": younger, "id.by": "Marie Curie", "id.source": "review" });
    expect(released).toBeDefined();
    const written = await c.statusAtHub(id, "written");
    expect(written.detail).toMatchObject({ "id.PatNum": younger, "id.source": "review", "id.rule": "person" });
  }, 90_000);

  test("a report without identifiers proposes the chair's patient first; discarding records the reason in the audit and at the hub", async () => {
    CHROMIUM.check();
    clinic = await TestClinic.open({
      db: await (sqlite?.fresh() ?? Promise.reject(new Error("no sqlite"))),
      protocol: "v2",
    });
    const c = clinic;
    const garcia = c.office.ids.patient("Mateo", "Garcia", "1979-07-30");
    await c.select(garcia);
    const id = await publishVisit(c, undefined, "nameless");
    expect((await c.settled(id)).reason).toStartWith("chair_confirmation_needed:");

    const { page, base } = await openTab(c, "fr-FR");
    await page.goto(`${base}/review/${id}`);
    expect(await page.title()).toBe(`(1) Comptes rendus à vérifier: ${id}`);
    await page.locator("#reviewer").fill("Marie Curie");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Vous êtes Marie Curie.");
    const first = page.locator("table tr").filter({ hasText: "PatNum" }).first();
    expect(await first.textContent()).toContain("Garcia, Mateo");
    expect(await first.textContent()).toContain("au fauteuil maintenant (OP1-PC)");
    expect(await first.textContent()).toMatch(/sélectionné sur OP1-PC depuis \d{4}-\d\d-\d\d \d\d:\d\d/);
    await shot(page, "06-chair-confirmation-fr");
    await first.getByRole("link").click();
    expect(await page.locator("#confirm-write").textContent()).toBe("Écrire pour Garcia, Mateo, né(e) le 1979-07-30");
    await page.goBack();

    await page.locator("#reason").fill("Enregistré deux fois ; l'autre copie est écrite");
    await page.locator("button.danger").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Écarté.");
    await shot(page, "07-discarded-fr");
    expect(c.agent.journal.get(id)?.state).toBe("dead");
    expect(await notesOf(c, garcia)).toHaveLength(0);
    const audit = c.agent.openDental.audit.of(id).at(-1);
    expect(audit).toMatchObject({ decision: "discard", rule: "person", code: "discarded" });
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      by: "Marie Curie",
      reason: "Enregistré deux fois ; l'autre copie est écrite",
    });
    const failed = await c.statusAtHub(id, "failed");
    // The typed reason stays in the clinic (audit above, journal); the hub hears who, not why.
    expect(failed.detail).toMatchObject({
      reason: "discarded on the review page by Marie Curie",
      "id.by": "Marie Curie",
      "id.decision": "discarded",
    });
    expect(JSON.stringify(await c.timeline(id))).not.toContain("Enregistré deux fois");
  }, 90_000);
});

/**
 * A John Smith look-alike held for review (two John Smiths in the office), and `write`, which posts
 * the review page's write form for `patient` as the reviewer `name` — what a tab does.
 */
async function heldLookAlike(marker: string) {
  clinic = await TestClinic.open({
    db: await (sqlite?.fresh() ?? Promise.reject(new Error("no sqlite"))),
    protocol: "v2",
  });
  const c = clinic;
  const id = await publishVisit(c, { name: "John Smith", birthdate: "1995-09-02" }, marker);
  expect((await c.settled(id)).state).toBe("held");
  const base = c.agent.status.url;
  const auth = { authorization: `Bearer ${statusKey(c.home.paths.statusSecretFile)}` };
  const page = await (await fetch(`${base}/review/${id}`, { headers: auth })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const v = String(c.agent.journal.history(id).length);
  const write = (patient: number, name: string) =>
    fetch(`${base}/review/${id}/write`, {
      method: "POST",
      redirect: "manual",
      headers: {
        ...auth,
        cookie: `sofia_reviewer=${Buffer.from(name).toString("base64url")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrf, v, patient: String(patient) }).toString(),
    });
  return {
    c,
    id,
    write,
    older: c.office.ids.patient("John", "Smith", "1962-04-18"),
    younger: c.office.ids.patient("John", "Smith", "1995-09-02"),
  };
}

describe("two decisions at once on the same held report", () => {
  test("two writes posted together (two tabs, two patients): one is applied, the other refused; one note", async () => {
    const { c, id, write, older, younger } = await heldLookAlike("race");
    const before = await c.office.counts();
    const answers = await Promise.all([write(younger, "Marie Curie"), write(older, "Pierre Curie")]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
    const entry = await c.settled(id);
    expect(entry.state).toBe("written");
    const winner = answers[0]?.status === 303 ? younger : older;
    expect(entry.target?.ids.PatNum).toBe(winner);
    expect(await c.office.counts()).toEqual({
      ...before,
      procedurelog: before.procedurelog + 1,
      procnote: before.procnote + 1,
    });
    expect(c.agent.openDental.audit.of(id).filter((a) => a.decision === "write" && a.source === "review")).toHaveLength(
      1,
    );
  }, 60_000);

  test("Open Dental failing during a write: the page says so, nothing moves, nothing is written", async () => {
    const { c, id, write, younger } = await heldLookAlike("od-down");
    const before = await c.office.counts();
    await c.office.control("/fail", "POST", {
      kind: "status",
      status: 500,
      method: "GET",
      path: "/patients",
      count: 20,
    });
    const answer = await write(younger, "Marie Curie");
    expect(answer.status).not.toBe(500);
    expect(answer.status).not.toBe(303);
    expect(await answer.text()).toContain("Open Dental");
    expect(c.agent.journal.get(id)?.state).toBe("held");
    expect(await c.office.counts()).toEqual(before);
  }, 60_000);
});
