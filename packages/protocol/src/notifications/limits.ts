/**
 * Largest body of `POST /v1/notifications`, in bytes. The largest valid request (a generic
 * notification to a user, every field at its longest and every character written as a 6-byte
 * `\uXXXX` escape) fits; `test/notifications.test.ts` builds it to keep this true.
 */
export const MAX_NOTIFICATION_REQUEST_BYTES = 32 * 1024;

/**
 * Deepest nesting of objects and arrays accepted in a notification request. Valid requests nest
 * 3 deep (`{to:{…}, data:{…}}`); the margin leaves room for new events without a protocol change.
 */
export const MAX_NOTIFICATION_JSON_DEPTH = 8;

/**
 * Whether JSON `text` nests objects and arrays deeper than `maxDepth`, found by one scan of the
 * raw text, before `JSON.parse` builds anything. Brackets inside strings do not count.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return false;
}
