/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Fields of one log line: scalars only (ids, counts, codes), which keeps report objects out of the
 * logs by construction. Reports are health data: never pass their text.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Structured JSON-lines logger. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes a line to stderr, so a command's `--json` stdout stays clean. */
export const stderrSink = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * A logger writing one JSON object per line to each sink (stderr, a rotating file, a test array).
 * Lines below `level` are dropped.
 */
export function createLogger(options: {
  /** The lowest level written; a function is asked at every line (the level can change while running). */
  level?: LogLevel | (() => LogLevel);
  sinks?: ((line: string) => void)[];
  now?: () => number;
}): Logger {
  const { level: setting = "info" } = options;
  const min = typeof setting === "function" ? () => RANK[setting()] : () => RANK[setting];
  const sinks = options.sinks ?? [stderrSink];
  const now = options.now ?? Date.now;
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < min()) return;
    const line = JSON.stringify({ ts: new Date(now()).toISOString(), level, msg, ...fields });
    for (const sink of sinks) sink(line);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** A logger that drops everything (commands that print their own output, tests that do not look). */
export const silentLogger: Logger = createLogger({ sinks: [] });

/** Parses a level name from configuration, defaulting to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}

/** The `code` of an error (`SQLITE_BUSY`, `ECONNRESET`), for log fields; `undefined` when it has none. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  return typeof code === "string" || typeof code === "number" ? String(code) : undefined;
}
