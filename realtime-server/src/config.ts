// Options of the server, their defaults, and how the CLI reads them from the environment.
import {
  DEFAULT_ACTIVITY_TIMEOUT_SECONDS,
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_PONG_TIMEOUT_SECONDS,
  DEFAULT_WEBHOOK_DELAY_SECONDS,
  DEFAULT_WEBHOOK_RETRY_DELAY_SECONDS,
  DEFAULT_WEBHOOK_RETRY_FOR_SECONDS,
} from "./limits";
import { isLogLevel, type LogLevel, type LogSink } from "./log";
import { isWebhookEventName, WEBHOOK_EVENT_NAMES, type WebhookEventName } from "./webhook-events";

export interface AppCredentials {
  id: string;
  key: string;
  secret: string;
}

/** A webhook endpoint; `events` limits what it is sent (hosted: one event type per webhook), default all. */
export interface WebhookTarget {
  url: string;
  events?: WebhookEventName[];
}

/**
 * The switches hosted Pusher keeps in each app's dashboard settings. Hosted defaults are all off;
 * client events are on here because the Ticks app's typing indicators need them (operators must
 * switch them on in the dashboard, see README).
 */
export interface AppSettings {
  /** Relay `client-*` events. Default true (hosted: off until enabled in App Settings). */
  enableClientEvents?: boolean;
  /** `pusher_internal:subscription_count` events, the `subscription_count` info attribute and webhook. Default false, as hosted. */
  enableSubscriptionCount?: boolean;
  /** Watchlist online/offline events for signed-in users. Default false, as hosted. */
  enableWatchlistEvents?: boolean;
  /**
   * Hosted "Authorized Connections": seconds a connection has to sign in or subscribe to a
   * private/presence channel before it is closed with 4009. Default: no limit.
   */
  authorizationTimeout?: number;
  /** Webhook endpoints, as URLs or { url, events }. Default none. */
  webhooks?: (string | WebhookTarget)[];
}

export type AppOptions = AppCredentials & AppSettings;

export interface ResolvedAppSettings {
  enableClientEvents: boolean;
  enableSubscriptionCount: boolean;
  enableWatchlistEvents: boolean;
  authorizationTimeoutMs: number | undefined;
  webhooks: Required<WebhookTarget>[];
}

export interface ResolvedApp {
  credentials: AppCredentials;
  settings: ResolvedAppSettings;
}

export interface RealtimeServerOptions {
  /** TCP port; 0 picks a free one (the handle reports it). Default 6001. */
  port?: number;
  /** Bind address. Default 127.0.0.1. */
  host?: string;
  /** Apps served; default the local Ticks app (100001 / ticks-local-key / ticks-local-secret). */
  apps?: AppOptions[];
  /** Seconds of client silence before the server sends pusher:ping; announced to clients. Default 120. */
  activityTimeout?: number;
  /** Seconds to wait for any answer to that ping before closing with 4201. Default 30. */
  pongTimeout?: number;
  /** Connections per app before refusing new ones with 4004. Default unlimited. */
  maxConnections?: number;
  /** Seconds a cache channel keeps its last event. Default 1800 (hosted: "up to 30 minutes"). */
  cacheTtl?: number;
  /** Milliseconds since the epoch, for cache expiry; tests pass their own to move time on. Default Date.now. */
  clock?: () => number;
  /** Seconds member_removed / channel_vacated webhooks wait for a reconnect that cancels them. Default 3, as hosted. */
  webhookDelay?: number;
  /** Seconds before the first retry of a failed webhook; doubles on each failure. Default 1. */
  webhookRetryDelay?: number;
  /** Seconds after which a failing webhook is given up. Default 300 (hosted: 5 minutes). */
  webhookRetryFor?: number;
  /** Default "error" (quiet: errors only). */
  logLevel?: LogLevel;
  /** Where log lines go; default stdout (stderr for errors). */
  logSink?: LogSink;
}

export interface WebhookTiming {
  delayMs: number;
  retryDelayMs: number;
  retryForMs: number;
}

export interface ResolvedConfig {
  port: number;
  host: string;
  apps: ResolvedApp[];
  activityTimeoutSeconds: number;
  pongTimeoutSeconds: number;
  maxConnections: number;
  cacheTtlMs: number;
  clock: () => number;
  webhookTiming: WebhookTiming;
  logLevel: LogLevel;
  logSink?: LogSink;
}

/**
 * The local defaults the app uses too (README, "Configuration"), so a fresh clone works without configuration.
 * The id is numeric like hosted Pusher's: the SDK's Pusher.forURL parses it with parseInt.
 */
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
    apps: apps.map(resolveApp),
    activityTimeoutSeconds,
    pongTimeoutSeconds,
    maxConnections,
    cacheTtlMs: positive("cacheTtl", options.cacheTtl ?? DEFAULT_CACHE_TTL_SECONDS) * 1000,
    clock: options.clock ?? Date.now,
    webhookTiming: {
      delayMs: nonNegative("webhookDelay", options.webhookDelay ?? DEFAULT_WEBHOOK_DELAY_SECONDS) * 1000,
      retryDelayMs:
        positive("webhookRetryDelay", options.webhookRetryDelay ?? DEFAULT_WEBHOOK_RETRY_DELAY_SECONDS) *
        1000,
      retryForMs:
        nonNegative("webhookRetryFor", options.webhookRetryFor ?? DEFAULT_WEBHOOK_RETRY_FOR_SECONDS) * 1000,
    },
    logLevel: options.logLevel ?? "error",
    logSink: options.logSink,
  };
}

function resolveApp(app: AppOptions): ResolvedApp {
  const timeout = app.authorizationTimeout;
  return {
    credentials: { id: app.id, key: app.key, secret: app.secret },
    settings: {
      enableClientEvents: app.enableClientEvents ?? true,
      enableSubscriptionCount: app.enableSubscriptionCount ?? false,
      enableWatchlistEvents: app.enableWatchlistEvents ?? false,
      authorizationTimeoutMs:
        timeout === undefined ? undefined : positive("authorizationTimeout", timeout) * 1000,
      webhooks: (app.webhooks ?? []).map(resolveWebhook),
    },
  };
}

function resolveWebhook(target: string | WebhookTarget): Required<WebhookTarget> {
  const { url, events } = typeof target === "string" ? { url: target, events: undefined } : target;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid webhook URL: "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`webhook URLs must be http or https, got "${url}"`);
  }
  for (const name of events ?? []) {
    if (!isWebhookEventName(name)) throw new Error(`unknown webhook event "${String(name)}"`);
  }
  return { url, events: events ? [...events] : [...WEBHOOK_EVENT_NAMES] };
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`${name} must be a number ≥ 0, got ${value}`);
  return value;
}

/**
 * Reads the CLI's options from the environment. Same variable names as the app (README, "Configuration"),
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
        ...appSettingsFromEnv(env),
      },
    ],
    activityTimeout: numberFromEnv(env, "REALTIME_ACTIVITY_TIMEOUT", DEFAULT_ACTIVITY_TIMEOUT_SECONDS),
    pongTimeout: numberFromEnv(env, "REALTIME_PONG_TIMEOUT", DEFAULT_PONG_TIMEOUT_SECONDS),
    webhookDelay: numberFromEnv(env, "REALTIME_WEBHOOK_DELAY", DEFAULT_WEBHOOK_DELAY_SECONDS),
    logLevel,
  };
}

/**
 * The per-app switches from the environment, for whoever builds the app list itself
 * (scripts/run.ts: `apps: [{ id, key, secret, ...appSettingsFromEnv(process.env) }]`).
 */
export function appSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AppSettings {
  const settings: AppSettings = {
    enableClientEvents: booleanFromEnv(env, "REALTIME_CLIENT_EVENTS", true),
    enableSubscriptionCount: booleanFromEnv(env, "REALTIME_SUBSCRIPTION_COUNT", false),
    enableWatchlistEvents: booleanFromEnv(env, "REALTIME_WATCHLIST_EVENTS", false),
  };
  const timeout = env.REALTIME_AUTHORIZATION_TIMEOUT?.trim();
  if (timeout) {
    settings.authorizationTimeout = numberFromEnv(env, "REALTIME_AUTHORIZATION_TIMEOUT", 0);
    if (!(settings.authorizationTimeout > 0)) {
      throw new Error(
        `REALTIME_AUTHORIZATION_TIMEOUT must be a positive number of seconds, got "${timeout}"`,
      );
    }
  }
  const urls = (env.REALTIME_WEBHOOK_URLS ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
  for (const url of urls) {
    try {
      resolveWebhook(url);
    } catch (error) {
      throw new Error(`REALTIME_WEBHOOK_URLS: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Hosted Pusher configures one event type per webhook; an app that needs only some (Ticks:
  // channel_vacated) narrows them here instead of receiving every client event too.
  const events = (env.REALTIME_WEBHOOK_EVENTS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  for (const name of events) {
    if (!isWebhookEventName(name))
      throw new Error(`REALTIME_WEBHOOK_EVENTS: unknown webhook event "${name}"`);
  }
  if (urls.length > 0) {
    settings.webhooks =
      events.length > 0 ? urls.map((url) => ({ url, events: events as WebhookEventName[] })) : urls;
  }
  return settings;
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

function booleanFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === "true" || raw === "1" || raw === "on") return true;
  if (raw === "false" || raw === "0" || raw === "off") return false;
  throw new Error(`${name} must be true or false, got "${env[name]?.trim()}"`);
}
