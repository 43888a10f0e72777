import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { hasFullName, namesMatch, normalizeName } from "../../src/opendental/names.ts";

const chart = (FName: string, LName: string, extra: { MiddleI?: string; Preferred?: string } = {}) => ({
  FName,
  LName,
  MiddleI: extra.MiddleI ?? "",
  Preferred: extra.Preferred ?? "",
});

describe("names", () => {
  test("normalised for case, accents, apostrophes, hyphens and spacing", () => {
    expect(normalizeName("  José-María   O’Neil ")).toBe("jose maria o'neil");
    expect(normalizeName("ZOË Łukasz Øre STRAßE")).toBe("zoe lukasz ore strasse");
    expect(normalizeName("J. R.")).toBe("j r");
  });

  test("either order, a comma meaning family first, the preferred name as the first", () => {
    const jane = chart("Jane", "Doe", { MiddleI: "M", Preferred: "Janie" });
    for (const name of [
      "Jane Doe",
      "Doe Jane",
      "Doe, Jane",
      "  DOE ,  jane ",
      "Janie Doe",
      "Doe, Janie",
      "Jane M Doe",
      "Doe, Jane M.",
    ]) {
      expect({ name, ok: namesMatch({ name }, jane) }).toEqual({ name, ok: true });
    }
    expect(namesMatch({ given_name: "Jane", family_name: "Doe" }, jane)).toBe(true);
    expect(namesMatch({ given_name: "janie", family_name: "DOE" }, jane)).toBe(true);
    expect(namesMatch({ name: "José García" }, chart("Jose", "Garcia"))).toBe(true);
  });

  test("look-alikes do not match, and every field given must agree", () => {
    const john = chart("John", "Smith");
    for (const name of ["Jon Smith", "John Smyth", "John", "Smith", "John Smith Jr", "Smith, Jon", "Johnny Smith"]) {
      expect({ name, ok: namesMatch({ name }, john) }).toEqual({ name, ok: false });
    }
    expect(namesMatch({ name: "Anna Kowalski" }, chart("Ann", "Kowalski"))).toBe(false);
    expect(namesMatch({ name: "John Smith", family_name: "Smyth" }, john)).toBe(false);
    expect(namesMatch({ given_name: "John", family_name: "Jones" }, john)).toBe(false);
    expect(namesMatch({}, john)).toBe(false);
    expect(namesMatch({ name: "John Smith" }, chart("", "Smith"))).toBe(false);
  });

  test("a whole name is a name, or both parts", () => {
    expect(hasFullName({ name: "Jane Doe" })).toBe(true);
    expect(hasFullName({ given_name: "Jane", family_name: "Doe" })).toBe(true);
    expect(hasFullName({ given_name: "Jane" })).toBe(false);
    expect(hasFullName({ family_name: "Doe" })).toBe(false);
  });

  test("property: a chart's name written either way matches it; another last name never does", () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,12}$/);
    fc.assert(
      fc.property(word, word, word, (first, last, other) => {
        const c = chart(first, last);
        expect(namesMatch({ name: `${first} ${last}` }, c)).toBe(true);
        expect(namesMatch({ name: `${last.toUpperCase()}, ${first}` }, c)).toBe(true);
        expect(normalizeName(normalizeName(first))).toBe(normalizeName(first));
        if (normalizeName(other) !== normalizeName(last) && normalizeName(other) !== normalizeName(first)) {
          expect(namesMatch({ name: `${first} ${other}` }, c)).toBe(false);
        }
      }),
    );
  });
});
