import { type ParseError, type ParseErrorCode, parse, printParseErrorCode } from "jsonc-parser";

const WORDS: Partial<Record<keyof typeof ParseErrorCode, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "expected a key in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' (or the closing bracket)",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "unexpected text after the end",
  InvalidCommentToken: "comments are not allowed",
  UnexpectedEndOfComment: "comments are not allowed",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "malformed number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape",
  InvalidCharacter: "control character in a string",
};

/** Where and why `text` is not JSON, for a person editing the file: 1-based line and column. */
export interface JsonProblem {
  line: number;
  column: number;
  what: string;
}

/**
 * The first mistake in `text` as strict JSON (no comments, no trailing commas), or `null` when it
 * parses. Bun's `JSON.parse` says what is wrong but not where; a clinic's IT person editing
 * `agent.json` by hand needs the line and column.
 */
export function jsonProblem(text: string): JsonProblem | null {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - (before.lastIndexOf("\n") + 1) + 1;
  const code = printParseErrorCode(first.error) as keyof typeof ParseErrorCode;
  return { line, column, what: WORDS[code] ?? code };
}
