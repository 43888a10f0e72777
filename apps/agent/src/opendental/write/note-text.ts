import { MAX_NOTE_BYTES } from "@sofia/opendental";

/** The text that identifies a report in Open Dental: it ends every note, commlog and document the agent writes. */
export function markerOf(reportId: string): string {
  return `Sofia report ${reportId}`;
}

/**
 * The note as Open Dental gets it: the report's plain-text rendering with CRLF line endings (what
 * Open Dental's Windows text boxes use), then a last line naming the report — the marker the agent
 * looks for before ever writing again — and saying it is an AI draft unless the clinic signs
 * through the API.
 */
export function noteText(plaintext: string, reportId: string, signed: boolean): string {
  const body = plaintext.replace(/\r\n?/g, "\n").trimEnd();
  const footer = signed
    ? `${markerOf(reportId)} (AI-generated)`
    : `${markerOf(reportId)} (AI-generated draft: review and sign in Open Dental)`;
  return `${body}\n\n${footer}`.replace(/\n/g, "\r\n");
}

/** Whether a note fits Open Dental's `procnote.Note` (a MySQL text column). */
export function fitsNote(text: string): boolean {
  return new TextEncoder().encode(text).length <= MAX_NOTE_BYTES;
}

/**
 * Whether `stored` carries the report's marker. Whitespace is compared loosely: Open Dental's
 * serializer may send "\r\n" back as spaces.
 */
export function hasMarker(stored: string, reportId: string): boolean {
  return loose(stored).includes(`${markerOf(reportId)} (`);
}

/** Whether `stored` ends with `sent` (a note appended to an earlier one ends with it), whitespace aside. */
export function endsWithLoosely(stored: string, sent: string): boolean {
  return loose(stored).endsWith(loose(sent));
}

function loose(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
