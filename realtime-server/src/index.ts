// Public API of the local Pusher-protocol server, for the app's scripts, e2e setup and benchmark.
export { startRealtimeServer, type RealtimeServer } from "./server";
export {
  LOCAL_APP,
  DEFAULT_HOST,
  DEFAULT_PORT,
  appSettingsFromEnv,
  optionsFromEnv,
  type AppCredentials,
  type AppOptions,
  type AppSettings,
  type RealtimeServerOptions,
  type WebhookTarget,
} from "./config";
export type { RealtimeStats } from "./app-state";
export type { LogLevel, LogSink } from "./log";
export type { WebhookEvent, WebhookEventName } from "./webhook-events";
