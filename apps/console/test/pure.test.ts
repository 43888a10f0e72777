import { expect, test } from "bun:test";
import { pickLang } from "../src/i18n/i18n.ts";
import { buckets } from "../src/views/overview-data.ts";

test("the language is the first of the browser's the console speaks, English otherwise", () => {
  expect(pickLang(["fr-CA", "en"])).toBe("fr");
  expect(pickLang(["de-DE", "en-GB", "fr"])).toBe("en");
  expect(pickLang(["de", "FR"])).toBe("fr");
  expect(pickLang([])).toBe("en");
});

test("the hub's report statuses fall into the operator's buckets, every bucket listed", () => {
  expect(buckets({ sent: 1, acknowledged: 2, received: 3, held: 4, written: 5 })).toEqual([
    ["stored", 0],
    ["delivered", 6],
    ["written", 5],
    ["held", 4],
    ["failed", 0],
    ["expired", 0],
  ]);
});
