const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Text in which every UTF-16 unit is a character of its own: printable ASCII and the Latin
 * letters up to U+024F. None of them combines with a neighbour (combining marks start at U+0300,
 * and CR, which pairs with LF, is not among them), so their count is the reader's count.
 */
const ONE_UNIT_EACH = /^[\x20-\x7e\u00a0-\u024f]*$/;

/** Length of text as a reader counts it: user-perceived characters, not UTF-16 units. */
export function visibleLength(text: string): number {
  // Most reports are Latin text: the segmenter costs ~100× the test (it was ~90 % of rendering).
  if (ONE_UNIT_EACH.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/** Cuts a word longer than the width into width-sized pieces, never inside a character. */
function cutWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let length = 0;
  for (const { segment } of graphemes.segment(word)) {
    if (length === width) {
      pieces.push(piece);
      piece = "";
      length = 0;
    }
    piece += segment;
    length++;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/**
 * Wraps one line at `width` characters, breaking at spaces and cutting only words longer than a
 * whole line (URLs, runs of symbols). Lines that fit are returned untouched, spacing included.
 * `width` 0 means no wrapping.
 */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0 || visibleLength(line) <= width) return [line];
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  const out: string[] = [];
  let current = "";
  let currentLength = 0;
  for (const word of line.slice(indent.length).split(/ +/)) {
    const wordLength = visibleLength(word);
    const start = out.length === 0 && current === "" ? indent : "";
    if (current !== "" && currentLength + 1 + wordLength <= width) {
      current += ` ${word}`;
      currentLength += 1 + wordLength;
      continue;
    }
    if (current !== "") out.push(current);
    if (visibleLength(start) + wordLength <= width) {
      current = start + word;
      currentLength = visibleLength(current);
      continue;
    }
    const pieces = cutWord(word, width);
    current = pieces.pop() ?? "";
    currentLength = visibleLength(current);
    out.push(...pieces);
  }
  if (current !== "") out.push(current);
  return out;
}
