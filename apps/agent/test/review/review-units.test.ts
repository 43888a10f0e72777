import { describe, expect, test } from "bun:test";
import { ageOn, displayName } from "../../src/review/candidate.ts";
import { familyName } from "../../src/review/candidates.ts";
import { pickLang } from "../../src/status/language.ts";
import { withReviewCount } from "../../src/status/review/chrome.ts";
import { ReviewerName } from "../../src/status/review/security.ts";

describe("review page pieces", () => {
  test("the language is the browser's first one the page speaks, by weight; English otherwise", () => {
    expect(pickLang("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(pickLang("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")).toBe("fr");
    expect(pickLang("en;q=0.5,fr;q=0.9")).toBe("fr");
    expect(pickLang("ar,de")).toBe("en");
    expect(pickLang("fr;q=0")).toBe("en");
    expect(pickLang(null)).toBe("en");
  });

  test("the family name searched: family_name, before the comma, or the last word", () => {
    expect(familyName({ family_name: "García López" })).toBe("García López");
    expect(familyName({ name: "Smith, John" })).toBe("Smith");
    expect(familyName({ name: "John  Smith " })).toBe("Smith");
    expect(familyName({ birthdate: "1990-01-01" })).toBeNull();
    expect(familyName(null)).toBeNull();
  });

  test("age in whole years at the office's date; names as Open Dental lists them", () => {
    expect(ageOn("1995-09-02", "2026-09-01")).toBe(30);
    expect(ageOn("1995-09-02", "2026-09-02")).toBe(31);
    expect(displayName({ lastName: "Haddad", firstName: "Omar", middle: "", preferred: "Om" })).toBe(
      "Haddad, Omar (Om)",
    );
  });

  test("every page gets the count in its body and, when there is something to review, its title", () => {
    const page = `<html lang="en"><head><title>Sofia agent</title></head><body data-refresh-ms="5000"><h1>x</h1></body></html>`;
    const two = withReviewCount(page, 2, "fr");
    expect(two).toContain("<title>(2) Sofia agent</title>");
    expect(two).toContain(`<body data-refresh-ms="5000"><p class="to-review">`);
    expect(two).toContain("Comptes rendus à vérifier: <strong");
    expect(withReviewCount(page, 0, "en")).toContain("<title>Sofia agent</title>");
  });

  test("a reviewer's name is one printable line", () => {
    expect(ReviewerName.parse("  Marie Curie ")).toBe("Marie Curie");
    for (const bad of ["", "a".repeat(81), "Eve\u202E", "<b>Eve</b>", "Eve\nAdmin"]) {
      expect(ReviewerName.safeParse(bad).success).toBe(false);
    }
  });
});
