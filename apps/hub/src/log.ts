/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Fields of one log line. Values are ids, counts and codes: never report content or patient data. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Structured JSON-lines logger. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A logger that writes one JSON object per line to `sink` (stderr by default, so a CLI's `--json`
 * stdout stays clean). The field type admits only scalars, which keeps whole report objects out of
 * logs by construction.
 */
export function createLogger(options: { level?: LogLevel; sink?: (line: string) => void; now?: () => number }): Logger {
  const min = RANK[options.level ?? "info"];
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    sink(JSON.stringify({ ts: new Date(now()).toISOString(), level, msg, ...fields }));
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** A logger that drops everything (CLI commands that print their own output). */
export const silentLogger: Logger = createLogger({ sink: () => {} });

/** Parses a level name from configuration, defaulting to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}
