/** The name fields of an Open Dental patient the rule compares. */
export interface ChartName {
  FName: string;
  LName: string;
  MiddleI: string;
  Preferred: string;
}

/** The name fields a report may carry (the producer API's `patient`). */
export interface ReportName {
  name?: string | undefined;
  given_name?: string | undefined;
  family_name?: string | undefined;
}

// Letters NFKD does not take apart, spelled as a person typing without them would.
const FOLDS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/**
 * A name as the rule compares it: without accents (é → e, ø → o), lower case, typographic
 * apostrophes as `'`, hyphens and periods as spaces, one space between words. "  José-María
 * O’Neil " and "jose maria o'neil" are the same.
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLDS[c] ?? c)
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[-‐‑–—_.]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the report's name fields name the chart's patient; every field given must agree. */
export function namesMatch(report: ReportName, chart: ChartName): boolean {
  const last = normalizeName(chart.LName);
  const middle = normalizeName(chart.MiddleI);
  const firsts = [...new Set([chart.FName, chart.Preferred].map(normalizeName).filter((f) => f !== ""))];
  if (last === "" || firsts.length === 0) return false;
  // A first name may carry the middle name or initial with it ("Jane M", "Jane Marie").
  const givenForms = new Set(firsts.flatMap((f) => (middle ? [f, `${f} ${middle}`] : [f])));
  const checks: boolean[] = [];
  if (report.given_name !== undefined) checks.push(givenForms.has(normalizeName(report.given_name)));
  if (report.family_name !== undefined) checks.push(normalizeName(report.family_name) === last);
  if (report.name !== undefined) checks.push(wholeNameMatches(report.name, givenForms, last));
  return checks.length > 0 && checks.every(Boolean);
}

/** "Doe, Jane" (family first, by the comma), or "Jane Doe" / "Doe Jane" (either order). */
function wholeNameMatches(name: string, givenForms: ReadonlySet<string>, last: string): boolean {
  const comma = name.indexOf(",");
  if (comma >= 0) {
    return normalizeName(name.slice(0, comma)) === last && givenForms.has(normalizeName(name.slice(comma + 1)));
  }
  const whole = normalizeName(name);
  for (const given of givenForms) {
    if (whole === `${given} ${last}` || whole === `${last} ${given}`) return true;
  }
  return false;
}

/** Whether the report carries a whole name: `name`, or both `given_name` and `family_name`. */
export function hasFullName(report: ReportName): boolean {
  return report.name !== undefined || (report.given_name !== undefined && report.family_name !== undefined);
}
