import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CHROMIUM, launchChromium } from "@sofia/hub/test/support/browser.ts";
import type { Browser } from "playwright-core";
import { readConfig, writeConfig } from "../../src/config/config-file.ts";
import { odSettings } from "../../src/opendental/settings.ts";
import { csrfToken } from "../../src/status/csrf.ts";
import { AgentHome } from "../support/agent-harness.ts";
import { OD_KEYS, startTestOffice, type TestOffice } from "../support/od-office.ts";

const DOCTOR = "dr-setup";
/** Screenshots of each step; SOFIA_DOCS_SCREENSHOTS=1 also refreshes the one in docs/images. */
const ARTIFACTS = join(tmpdir(), "sofia-artifacts", "setup-page");
const DOCS_IMAGE = resolve(import.meta.dir, "../../../../docs/images/agent-setup.png");

let office: TestOffice;
const home = new AgentHome();
const dir = mkdtempSync(join(tmpdir(), "od-setup-"));
let base = "";
let secret = "";

beforeAll(async () => {
  office = await startTestOffice(join(dir, "office.sqlite"));
  // Enrolled for one doctor, Open Dental not yet connected: the first run the page is for.
  const device = { agent_id: "agt_setup", doctor_id: DOCTOR, clinic_id: "clinic-setup", name: "PC", hub: "http://x" };
  writeConfig(home.paths.configFile, { ...readConfig(home.paths.configFile), device });
  const agent = await home.start();
  base = agent.status.url;
  secret = readFileSync(home.paths.statusSecretFile, "utf8").trim();
}, 30_000);
afterAll(async () => {
  await home.dispose();
  await office?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the setup page refuses", () => {
  const form = "csrf=x&url=remote&developer_key=&customer_key=";
  const post = (path: string, headers: Record<string, string>, body = form) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  test("without the per-install key (GET and POST)", async () => {
    expect((await fetch(`${base}/setup`)).status).toBe(401);
    expect((await post("/setup/connect", {})).status).toBe(401);
    expect((await post("/setup/map", { authorization: "Bearer wrong" })).status).toBe(401);
  });

  test("with a foreign Host header, even with the key", async () => {
    const auth = { authorization: `Bearer ${secret}`, host: "evil.example" };
    expect((await fetch(`${base}/setup`, { headers: auth })).status).toBe(421);
    expect((await post("/setup/connect", auth)).status).toBe(421);
  });

  test("a POST without the CSRF token, or with another one; nothing is saved", async () => {
    const auth = { authorization: `Bearer ${secret}` };
    const body = `url=${encodeURIComponent(`service=${office.apiUrl}`)}&developer_key=${OD_KEYS.developer}&customer_key=${OD_KEYS.all}`;
    expect((await post("/setup/connect", auth, body)).status).toBe(403);
    expect((await post("/setup/connect", auth, `${body}&csrf=forged`)).status).toBe(403);
    expect((await post("/setup/connect", { ...auth, "content-type": "text/plain" }, body)).status).toBe(400);
    expect(odSettings(readConfig(home.paths.configFile)).endpoints).toEqual([]);
  });
});

const chromium = CHROMIUM;
describe.skipIf(chromium.skip)("the setup page in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    chromium.check();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  test("paste the keys, see the office, map the doctor, the read-only check passes; no note written", async () => {
    const before = await office.counts();
    const page = await browser.newPage({ locale: "en-US", viewport: { width: 1000, height: 1400 } });
    await page.goto(`${base}/setup?key=${secret}`);
    expect(await page.title()).toBe("Open Dental setup");
    await page.screenshot({ path: join(ARTIFACTS, "1-first-run.png"), fullPage: true });

    await page.getByLabel("API address").fill(`service=${office.apiUrl}`);
    await page.getByLabel("Developer key").fill(OD_KEYS.developer);
    await page.getByLabel("Customer key").fill(OD_KEYS.all);
    await page.getByRole("button", { name: "Check and save" }).click();
    await page.getByText("Connected: the keys are stored protected.").waitFor();
    expect(await page.locator("#providers").textContent()).toContain("DOC1");
    expect(await page.locator("#operatories").textContent()).toContain("OP1");
    expect(await page.content()).toContain("OP1-PC");
    // Keys are never shown back in full: only their first four characters.
    expect(await page.content()).not.toContain(OD_KEYS.all);
    expect(await page.content()).toContain(`${OD_KEYS.all.slice(0, 4)}…`);
    expect(await page.locator("#check").textContent()).toBe("Check not passed"); // the doctor is not mapped yet
    await page.screenshot({ path: join(ARTIFACTS, "2-connected.png"), fullPage: true });

    const form = page.locator(`form[data-doctor="${DOCTOR}"]`);
    await form.getByLabel("Provider").selectOption(String(office.ids.dentist));
    await form.getByLabel("OP1 (Op 1)").check();
    await form.getByLabel("OP1-PC").check();
    await form.getByRole("button", { name: "Save the mapping" }).click();
    await page.getByText("Mapping saved.").waitFor();
    expect(await page.locator("#check").textContent()).toBe("Check passed");
    await page.screenshot({ path: join(ARTIFACTS, "3-mapped.png"), fullPage: true });
    if (process.env.SOFIA_DOCS_SCREENSHOTS === "1") await page.screenshot({ path: DOCS_IMAGE, fullPage: true });

    expect(odSettings(readConfig(home.paths.configFile)).doctors[DOCTOR]).toEqual({
      provider: office.ids.dentist,
      operatories: [office.ids.op1],
      workstations: ["OP1-PC"],
    });
    expect(await office.counts()).toEqual(before);
    await page.close();
  }, 60_000);

  test("in French when the browser asks for it", async () => {
    const page = await browser.newPage({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR,fr;q=0.9" } });
    await page.goto(`${base}/setup?key=${secret}`);
    expect(await page.title()).toBe("Configuration d'Open Dental");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.locator("#check").textContent()).toBe("Vérification réussie");
    await page.close();
  }, 30_000);
});

describe("the stored keys", () => {
  test("go only to the stored address: a new address with blank key fields is refused, nothing sent", async () => {
    const auth = { authorization: `Bearer ${secret}`, "content-type": "application/x-www-form-urlencoded" };
    const csrf = csrfToken(secret, "setup");
    const connect = (url: string, keys = "developer_key=&customer_key=") =>
      fetch(`${base}/setup/connect`, {
        method: "POST",
        headers: auth,
        body: `csrf=${csrf}&url=${encodeURIComponent(url)}&${keys}`,
      });
    // Stored once (as the browser test does, when it ran), then an attacker's server is typed in.
    const all = `developer_key=${OD_KEYS.developer}&customer_key=${OD_KEYS.all}`;
    expect((await connect(`service=${office.apiUrl}`, all)).status).toBe(200);
    const seen: string[] = [];
    const trap = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch(request) {
        seen.push(request.headers.get("authorization") ?? "");
        return new Response("{}", { status: 404 });
      },
    });
    try {
      const refused = await connect(`service=http://127.0.0.1:${trap.port}/api/v1`);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("needs both keys typed again");
      expect(seen).toEqual([]);
      expect(odSettings(readConfig(home.paths.configFile)).endpoints.map((e) => e.url)).toEqual([office.apiUrl]);
      // The same address with blank fields keeps working (the keys stay where they were stored).
      expect((await connect(`service=${office.apiUrl}`)).status).toBe(200);
    } finally {
      trap.stop(true);
    }
  }, 30_000);
});
