import { expect } from "bun:test";
import { z } from "zod";
import type { Person } from "./console-page.ts";

// Run in the page (a string: this project's types have no DOM): the focused element and its outline.
const FOCUSED = `(() => {
  const e = document.activeElement;
  const s = e ? getComputedStyle(e) : null;
  return { text: e ? e.textContent : "", outline: s ? s.outlineStyle + " " + s.outlineWidth : "" };
})()`;
const Focused = z.object({ text: z.string(), outline: z.string() });

/** Presses Tab until the focused element is the button named `name`; checks its focus is visible. */
export async function tabTo(person: Person, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await person.page.keyboard.press("Tab");
    const focused = Focused.parse(await person.page.evaluate(FOCUSED));
    if (focused.text === name) {
      expect(focused.outline).toBe("solid 3px");
      return;
    }
  }
  throw new Error(`no "${name}" button within 40 Tabs`);
}
