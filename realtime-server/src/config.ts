// Options of the server, their defaults, and how the CLI reads them from the environment.
import { DEFAULT_ACTIVITY_TIMEOUT_SECONDS, DEFAULT_PONG_TIMEOUT_SECONDS } from "./limits";
import { isLogLevel, type LogLevel, type LogSink } from "./log";

export interface AppCredentials {
  id: string;
  key: string;
  secret: string;
}

export interface RealtimeServerOptions {
  /** TCP port; 0 picks a free one (the handle reports it). Default 6001. */
  port?: number;
  /** Bind address. Default 127.0.0.1. */
  host?: string;
  /** Apps served; default the local Ticks app (100001 / ticks-local-key / ticks-local-secret). */
  apps?: AppCredentials[];
  /** Seconds of client silence before the server sends pusher:ping; announced to clients. Default 120. */
  activityTimeout?: number;
  /** Seconds to wait for any answer to that ping before closing with 4201. Default 30. */
  pongTimeout?: number;
  /** Connections per app before refusing new ones with 4004. Default unlimited. */
  maxConnections?: number;
  /** Default "error" (quiet: errors only). */
  logLevel?: LogLevel;
  /** Where log lines go; default stdout (stderr for errors). */
  logSink?: LogSink;
}

export interface ResolvedConfig {
  port: number;
  host: string;
  apps: AppCredentials[];
  activityTimeoutSeconds: number;
  pongTimeoutSeconds: number;
  maxConnections: number;
  logLevel: LogLevel;
  logSink?: LogSink;
}

/** The local defaults the app uses too (DESIGN.md §8), so a fresh clone works without configuration. */
// The id is numeric like hosted Pusher's: the SDK's Pusher.forURL parses it with parseInt.
export const LOCAL_APP: Readonly<AppCredentials> = Object.freeze({
  id: "100001",
  key: "ticks-local-key",
  secret: "ticks-local-secret",
});
export const DEFAULT_PORT = 6001;
export const DEFAULT_HOST = "127.0.0.1";

export function resolveConfig(options: RealtimeServerOptions = {}): ResolvedConfig {
  const apps = options.apps ?? [{ ...LOCAL_APP }];
  if (apps.length === 0) throw new Error("at least one app is required");
  for (const app of apps) {
    if (!app.id || !app.key || !app.secret) throw new Error("every app needs an id, a key and a secret");
  }
  if (new Set(apps.map((a) => a.id)).size !== apps.length) throw new Error("app ids must be unique");
  if (new Set(apps.map((a) => a.key)).size !== apps.length) throw new Error("app keys must be unique");

  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const activityTimeoutSeconds = positive(
    "activityTimeout",
    options.activityTimeout ?? DEFAULT_ACTIVITY_TIMEOUT_SECONDS,
  );
  const pongTimeoutSeconds = positive("pongTimeout", options.pongTimeout ?? DEFAULT_PONG_TIMEOUT_SECONDS);
  const maxConnections = positive("maxConnections", options.maxConnections ?? Number.POSITIVE_INFINITY);

  return {
    port,
    host: options.host ?? DEFAULT_HOST,
    apps: apps.map((a) => ({ ...a })),
    activityTimeoutSeconds,
    pongTimeoutSeconds,
    maxConnections,
    logLevel: options.logLevel ?? "error",
    logSink: options.logSink,
  };
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

/**
 * Reads the CLI's options from the environment. Same variable names as the app (DESIGN.md §8),
 * so one .env configures both; throws with the variable's name on a bad value.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RealtimeServerOptions {
  const logLevel = env.REALTIME_LOG?.trim() || "error";
  if (!isLogLevel(logLevel))
    throw new Error(`REALTIME_LOG must be silent, error, info or debug, got "${logLevel}"`);
  return {
    port: numberFromEnv(env, "PUSHER_PORT", DEFAULT_PORT),
    host: env.REALTIME_HOST?.trim() || DEFAULT_HOST,
    apps: [
      {
        id: env.PUSHER_APP_ID?.trim() || LOCAL_APP.id,
        key: env.PUSHER_KEY?.trim() || LOCAL_APP.key,
        secret: env.PUSHER_SECRET?.trim() || LOCAL_APP.secret,
      },
    ],
    activityTimeout: numberFromEnv(env, "REALTIME_ACTIVITY_TIMEOUT", DEFAULT_ACTIVITY_TIMEOUT_SECONDS),
    pongTimeout: numberFromEnv(env, "REALTIME_PONG_TIMEOUT", DEFAULT_PONG_TIMEOUT_SECONDS),
    logLevel,
  };
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}
