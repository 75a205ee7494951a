import "server-only";
import { secretValues } from "./env";

// Structured logs: one JSON line per event on stderr, which is what log drains (Vercel, Docker,
// journald) index. Secrets never reach them — not by field name (a password, a cookie, an
// Authorization header) and not by value (the configured secrets, wherever they are quoted).

export type LogLevel = "error" | "warn" | "info";

const REDACTED = "[redacted]";
// Field names whose values are secret whatever they hold.
const SECRET_FIELD =
  /pass(word|wd)?|cookie|authori[sz]ation|secret|token|signature|credential|api[-_]?key|^auth$/i;
const MAX_DEPTH = 5;

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  // Credentials quoted inside messages: "Bearer abc…", "cookie: a=b", "authjs.session-token=…".
  return out
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/\b((?:set-)?cookie|authorization)(["']?\s*[:=]\s*)[^\n,}]+/gi, `$1$2${REDACTED}`)
    .replace(/([\w.-]*(?:session-token|csrf-token)[\w.-]*=)[^;\s,"']+/gi, `$1${REDACTED}`);
}

/** A copy of `value` safe to log: secret fields and secret values replaced, errors flattened. */
export function redact(value: unknown, secrets = secretValues(), depth = 0): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[…]";
  if (value instanceof Error) {
    // Name and message only: stacks are long and the message says what happened.
    const cause = value.cause === undefined ? {} : { cause: redact(value.cause, secrets, depth + 1) };
    return { name: value.name, message: scrub(value.message, secrets), ...cause };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_FIELD.test(k) ? REDACTED : redact(v, secrets, depth + 1),
    ]),
  );
}

/** Writes one JSON line: `{"level","msg",…fields}`, redacted. */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, msg: scrub(msg, secretValues()), ...(redact(fields) as object) });
  if (level === "info") console.log(line);
  else console.error(line);
}
