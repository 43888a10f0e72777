import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Where the tests keep their screenshots (gitignored): a test artifact per role. */
export const ARTIFACTS = join(import.meta.dir, "..", "..", "test-artifacts");

/** One person's browser: a context of its own (its own session storage and network), signed in. */
export interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * Opens the console in a new context and signs in as a demo user by picking them, as a person
 * would; resolves once the console is connected to the hub.
 */
export async function signIn(browser: Browser, url: string, userId: string, locale = "en-US"): Promise<Person> {
  const context = await browser.newContext({ locale, viewport: { width: 1200, height: 860 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${userId}] page error: ${error.message}`));
  await page.goto(url);
  await page.locator(`button[data-user="${userId}"]`).click();
  await page.getByTestId("transport").waitFor();
  return { context, page };
}

/** Saves a screenshot of a person's console under {@link ARTIFACTS}. */
export async function screenshot(person: Person, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await person.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The locator of the list items of a dashboard list (`data-testid`), optionally with a status. */
export function listItems(person: Person, list: string, status?: string) {
  const items = person.page.getByTestId(list).locator("li");
  return status ? items.and(person.page.locator(`[data-status="${status}"]`)) : items;
}
