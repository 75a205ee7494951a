// Public API of the local Pusher-protocol server, for the app's scripts, e2e setup and benchmark.
export { startRealtimeServer, type RealtimeServer } from "./server";
export {
  LOCAL_APP,
  DEFAULT_HOST,
  DEFAULT_PORT,
  optionsFromEnv,
  type AppCredentials,
  type RealtimeServerOptions,
} from "./config";
export type { RealtimeStats } from "./app-state";
export type { LogLevel, LogSink } from "./log";
