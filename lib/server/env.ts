import "server-only";
import { z } from "zod";
import type { PublicRealtimeConfig } from "@/lib/core/realtime/config";
import {
  readPort,
  resolveRealtime,
  type PusherServerConfig,
  type RealtimeSettings,
} from "./realtime/settings";
import { resolveStorage, type StorageConfig, type StorageSettings } from "./storage/settings";
import type { PublicStorageConfig } from "@/lib/core/attachments";

// The one place for the configuration rules. Defaults target the local setup (SQLite file + the
// repo's own Pusher-protocol server), so `npm run dev` and the tests need no configuration;
// production must say what it means. scripts/run.ts and instrumentation.ts check at start and
// refuse to run with every problem listed at once — not one per restart.

// Used only outside production; production refuses to start without a real AUTH_SECRET.
export const DEV_AUTH_SECRET = "ticks-development-secret-do-not-use-in-production";
const MIN_SECRET = { production: 32, other: 16 };
const HOW_TO_SECRET = "make one with `openssl rand -base64 32`";

// What @libsql/client can open: a local file, or a libSQL server (Turso) over HTTP or WebSocket.
const DB_SCHEMES = ["file:", "libsql:", "https:", "http:", "wss:", "ws:"];
// Schemes that mean TLS to a remote server: Turso always wants a token there.
const REMOTE_TLS_SCHEMES = ["libsql:", "https:", "wss:"];
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name}: expected a whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name}: expected a number above 0`);

// Every value is read raw (empty counts as unset: hosting dashboards and .env files leave blanks);
// rules across variables are in `checkEnvironment`, Pusher's in ./realtime/settings.ts.
const optional = z.string().optional();
const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "NODE_ENV: expected development, production or test",
    })
    .default("development"),
  PORT: optional,
  DATABASE_URL: z.string().default("file:./prisma/dev.db"),
  DATABASE_AUTH_TOKEN: optional,
  DATABASE_BUSY_TIMEOUT_MS: z
    .string()
    .regex(/^\d+$/, "DATABASE_BUSY_TIMEOUT_MS: expected milliseconds, 0–60000")
    .transform(Number)
    .refine((n) => n <= 60_000, "DATABASE_BUSY_TIMEOUT_MS: at most 60000")
    .default(5000),
  AUTH_SECRET: optional,
  AUTH_URL: z
    .url({ error: "AUTH_URL: expected the app's public URL, e.g. https://ticks.example.com" })
    .optional(),
  REALTIME_SERVER: z
    .enum(["external"], { error: 'REALTIME_SERVER: the only value is "external"' })
    .optional(),
  STORAGE_SERVER: z.enum(["external"], { error: 'STORAGE_SERVER: the only value is "external"' }).optional(),
  RATE_LIMIT_SENDS_PER_10S: positiveInt("RATE_LIMIT_SENDS_PER_10S").optional(),
  RATE_LIMIT_SIGNIN_FAILURES: positiveInt("RATE_LIMIT_SIGNIN_FAILURES").optional(),
  EDIT_WINDOW_MINUTES: positiveInt("EDIT_WINDOW_MINUTES").optional(),
  // How many `next start` processes `npm start` runs (scripts/workers.ts; default one per core, ≤ 4).
  WEB_CONCURRENCY: positiveInt("WEB_CONCURRENCY")
    .refine((n) => n <= 64, "WEB_CONCURRENCY: at most 64")
    .optional(),
  // Set by npm start for each of its processes (1, 2, …): the number of this one.
  WEB_PROCESS: positiveInt("WEB_PROCESS").optional(),
  PUSHER_APP_ID: optional,
  PUSHER_KEY: optional,
  PUSHER_SECRET: optional,
  PUSHER_CLUSTER: optional,
  PUSHER_HOST: optional,
  PUSHER_PORT: optional,
  PUSHER_USE_TLS: optional,
  NEXT_PUBLIC_PUSHER_KEY: optional,
  NEXT_PUBLIC_PUSHER_CLUSTER: optional,
  NEXT_PUBLIC_PUSHER_HOST: optional,
  NEXT_PUBLIC_PUSHER_PORT: optional,
  NEXT_PUBLIC_PUSHER_TLS: optional,
  S3_ENDPOINT: optional,
  S3_REGION: optional,
  S3_BUCKET: optional,
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  S3_FORCE_PATH_STYLE: optional,
  CRON_SECRET: z.string().min(16, "CRON_SECRET: at least 16 characters").optional(),
});

export type Env = z.infer<typeof schema>;

export type EnvironmentCheck = {
  env: Env;
  realtime: RealtimeSettings;
  storage: StorageSettings;
  /** Refuse to start: the app would not work (or not safely). */
  errors: string[];
  /** Start, but say so once: e.g. live updates are off. */
  warnings: string[];
};

function withoutBlanks(vars: NodeJS.ProcessEnv) {
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined && v.trim() !== ""));
}

/** Every problem with the environment at once, as lines a person can act on. */
export function checkEnvironment(vars: NodeJS.ProcessEnv = process.env): EnvironmentCheck {
  const raw = withoutBlanks(vars);
  const parsed = schema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues;
  // Our messages name their variable; zod's own ("Invalid input") don't.
  const errors = issues.map((i) =>
    i.message.includes(String(i.path[0])) ? i.message : `${i.path.join(".")}: ${i.message}`,
  );
  // Go on without the malformed values (every one has a default or may be unset), so the rules
  // across variables below still run and the message lists everything at once.
  const bad = new Set(issues.map((i) => String(i.path[0])));
  const e = parsed.success
    ? parsed.data
    : schema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  const production = e.NODE_ENV === "production";
  const warnings: string[] = [];

  const port = readPort(e, "PORT");
  if (port.problem) errors.push(port.problem);
  errors.push(...authSecretProblems(e));
  const db = databaseProblems(e);
  errors.push(...db.errors);
  warnings.push(...db.warnings);

  const { settings, problems } = resolveRealtime(e);
  if (!production) errors.push(...problems);
  else if (!settings.enabled) {
    const details = problems.length > 0 ? ` (${problems.join("; ")})` : "";
    warnings.push(
      `Live updates are off: ${settings.reason}${details}. The chat still works: browsers refresh ` +
        "the open conversation and the list every few seconds. Set the Pusher settings to turn them on.",
    );
  }

  const storage = resolveStorage(e);
  if (!production) errors.push(...storage.problems);
  else if (!storage.settings.enabled) {
    const details = storage.problems.length > 0 ? ` (${storage.problems.join("; ")})` : "";
    warnings.push(
      `Attachments are off: ${storage.settings.reason}${details}. The chat still works with text only. ` +
        "Set the S3 settings to turn them on.",
    );
  }
  return { env: e, realtime: settings, storage: storage.settings, errors, warnings };
}

function authSecretProblems(e: Env): string[] {
  const production = e.NODE_ENV === "production";
  const secret = e.AUTH_SECRET;
  if (!secret) {
    return production
      ? [`AUTH_SECRET: required in production (it signs the sessions); ${HOW_TO_SECRET}`]
      : [];
  }
  if (production && secret === DEV_AUTH_SECRET) {
    return [`AUTH_SECRET: is the public development secret; ${HOW_TO_SECRET}`];
  }
  const min = production ? MIN_SECRET.production : MIN_SECRET.other;
  if (secret.length < min) {
    return [`AUTH_SECRET: too short (${secret.length} characters, at least ${min} needed); ${HOW_TO_SECRET}`];
  }
  return [];
}

function databaseProblems(e: Env): { errors: string[]; warnings: string[] } {
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(e.DATABASE_URL)?.[1]?.toLowerCase();
  if (!scheme || !DB_SCHEMES.includes(scheme)) {
    // Only the scheme is echoed: the rest of a URL may carry credentials.
    const got = scheme ? `"${scheme}"` : "no scheme";
    return {
      errors: [
        `DATABASE_URL: expected file:<path> (SQLite) or libsql://, https://, wss:// (Turso / a libSQL ` +
          `server), got ${got}`,
      ],
      warnings: [],
    };
  }
  if (!REMOTE_TLS_SCHEMES.includes(scheme) || e.DATABASE_AUTH_TOKEN) return { errors: [], warnings: [] };
  let url: URL;
  try {
    url = new URL(e.DATABASE_URL);
  } catch {
    return { errors: [`DATABASE_URL: not a valid ${scheme}// URL`], warnings: [] };
  }
  if (LOCAL_HOSTS.includes(url.hostname) || url.searchParams.has("authToken")) {
    return { errors: [], warnings: [] };
  }
  // Turso refuses every query without a token: in production that is a dead app, so refuse to
  // start; elsewhere (trying a remote database from a laptop) say it once and carry on.
  const problem =
    `DATABASE_AUTH_TOKEN: not set, but DATABASE_URL is a remote ${scheme}// database ` +
    "(Turso: `turso db tokens create <db>`)";
  return e.NODE_ENV === "production"
    ? { errors: [problem], warnings: [] }
    : { errors: [], warnings: [problem] };
}

/** The refusal printed (or thrown) at start: one message, every problem. */
export function formatProblems(errors: string[]): string {
  return `Invalid environment (${errors.length} problem${errors.length === 1 ? "" : "s"}):\n${errors
    .map((p) => `  - ${p}`)
    .join("\n")}\nSee the Configuration section of README.md and .env.example.`;
}

let cached: EnvironmentCheck | undefined;

function checked(): EnvironmentCheck {
  cached ??= checkEnvironment();
  // `next build` imports the server modules (NODE_ENV=production) but serves nothing: a build
  // needs no secrets, so the check is the server's start (run.ts, instrumentation.ts), not this.
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (cached.errors.length > 0 && !building) throw new Error(formatProblems(cached.errors));
  return cached;
}

/** Validated environment, read at run time (never inlined at build time). Throws on any error. */
export function env(): Env {
  return checked().env;
}

/** Reads the environment again on next use: for tests that change process.env in process. */
export function reloadEnvironment() {
  cached = undefined;
}

const SECRET_VARS = [
  "AUTH_SECRET",
  "PUSHER_SECRET",
  "DATABASE_AUTH_TOKEN",
  "S3_SECRET_ACCESS_KEY",
  "CRON_SECRET",
] as const;
// Shorter values would redact innocent text.
const MIN_REDACTED_SECRET = 8;

/**
 * The configured secrets' raw values, for the log's redaction. Read straight from process.env,
 * unvalidated: a log line must be scrubbed even while the environment is being refused.
 */
export function secretValues(): string[] {
  return SECRET_VARS.map((name) => process.env[name]).filter(
    (v): v is string => typeof v === "string" && v.length >= MIN_REDACTED_SECRET,
  );
}

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  // Unreachable in production (checkEnvironment refuses it), kept as a last guard.
  if (NODE_ENV === "production") throw new Error(`AUTH_SECRET is required in production; ${HOW_TO_SECRET}.`);
  return DEV_AUTH_SECRET;
}

/** Whether this process talks to a Pusher-protocol server at all, and which. */
export function realtimeSettings(): RealtimeSettings {
  return checked().realtime;
}

/** Server-side Pusher settings, or null when live updates are off. */
export function pusherServerConfig(): PusherServerConfig | null {
  const r = realtimeSettings();
  return r.enabled ? r.server : null;
}

/**
 * Browser-side Pusher settings, handed to the client by a server component at request time so one
 * build can run against any realtime server (the e2e suite and `npm start` use other ports).
 */
export function publicRealtimeConfig(): PublicRealtimeConfig {
  const r = realtimeSettings();
  return r.enabled ? r.browser : { enabled: false };
}

/** True when the Pusher settings are the local defaults, i.e. the repo's own server should run. */
export function usesLocalRealtimeServer(): boolean {
  const r = realtimeSettings();
  return r.enabled && r.local;
}

/** Whether attachments are on, and with which object store. */
export function storageSettings(): StorageSettings {
  return checked().storage;
}

/** The object store's settings, or null when attachments are off. */
export function storageConfig(): StorageConfig | null {
  const s = storageSettings();
  return s.enabled ? s.config : null;
}

/** What the browser needs to know: whether it may attach, and if not, why. */
export function publicStorageConfig(): PublicStorageConfig {
  const s = storageSettings();
  return s.enabled
    ? { enabled: true }
    : { enabled: false, reason: "Attachments are off: this server has no file storage set up" };
}

/** True when the S3 settings are the local defaults, i.e. the repo's own store should run. */
export function usesLocalStorageServer(): boolean {
  const s = storageSettings();
  return s.enabled && s.local;
}
