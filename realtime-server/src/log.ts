// One structured JSON line per event worth logging; quiet (errors only) unless asked.

export type LogLevel = "silent" | "error" | "info" | "debug";

export const LOG_LEVELS: readonly LogLevel[] = ["silent", "error", "info", "debug"];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  readonly level: LogLevel;
  error(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
}

/** Where log lines go: errors to stderr, the rest to stdout, unless a test injects its own sink. */
export type LogSink = (line: string, level: Exclude<LogLevel, "silent">) => void;

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

const defaultSink: LogSink = (line, level) => {
  (level === "error" ? process.stderr : process.stdout).write(line + "\n");
};

export function createLogger(level: LogLevel, sink: LogSink = defaultSink): Logger {
  const emit = (lineLevel: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields): void => {
    if (RANK[lineLevel] > RANK[level]) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg, ...fields }), lineLevel);
  };
  return {
    level,
    error: (msg, fields) => emit("error", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    debug: (msg, fields) => emit("debug", msg, fields),
  };
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
