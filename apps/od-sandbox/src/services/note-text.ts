/** A run of this many consecutive blank lines (or more) is removed from a procnote [S6]. */
export const BLANK_RUN_LIMIT = 50;

/**
 * Removes every run of 50 or more consecutive blank (whitespace-only) lines, as ProcNotes POST
 * documents: "If the Procedure Note contains 50 or more consecutive blank lines, they will be
 * removed" [S6]. Shorter runs and the note's own line endings (\r\n or \n) are kept.
 * Inferred: the whole run goes, rather than being shortened to 49.
 */
export function removeLongBlankRuns(note: string): string {
  const parts = note.split(/(\r\n|\n)/);
  // parts alternates line, separator, line, …; pair each line with the separator after it.
  const lines: { text: string; sep: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push({ text: parts[i] ?? "", sep: parts[i + 1] ?? "" });
  const keep = lines.map(() => true);
  let runStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const blank = i < lines.length && (lines[i]?.text.trim() ?? "") === "";
    if (blank && runStart < 0) runStart = i;
    if (!blank && runStart >= 0) {
      if (i - runStart >= BLANK_RUN_LIMIT) keep.fill(false, runStart, i);
      runStart = -1;
    }
  }
  return lines
    .filter((_, i) => keep[i])
    .map((l) => l.text + l.sep)
    .join("");
}

/**
 * The signature line Open Dental shows for an API-signed note: "Digitally Signed by [API
 * DeveloperName] Date Signed: [MM/dd/yyyy HH:mm:ss tt]" [S6] — the .NET pattern taken literally,
 * so the hour is 24-hour and followed by AM/PM.
 */
export function signatureLine(developerName: string, officeDateTime: string): string {
  const [date = "", time = ""] = officeDateTime.split(" ");
  const [y, m, d] = date.split("-");
  const hour = Number(time.slice(0, 2));
  return `Digitally Signed by ${developerName} Date Signed: ${m}/${d}/${y} ${time} ${hour < 12 ? "AM" : "PM"}`;
}
