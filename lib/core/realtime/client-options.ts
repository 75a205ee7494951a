// pusher-js options for a realtime config: a hosted cluster, or a Pusher-compatible host (the
// repo's own server) over ws/wss. One place for them: the browser's connection uses this, and so do
// the benchmark's and the integration tests' Node clients (with their own channel authorisation).
import type Pusher from "pusher-js";
import type { LiveRealtimeConfig } from "./config";

type ClientOptions = ConstructorParameters<typeof Pusher>[1];

export function pusherClientOptions(
  config: Omit<LiveRealtimeConfig, "enabled" | "key">,
  channelAuthorization: ClientOptions["channelAuthorization"] = {
    endpoint: "/api/pusher/auth",
    transport: "ajax",
  },
  userAuthentication: ClientOptions["userAuthentication"] = {
    endpoint: "/api/pusher/user-auth",
    transport: "ajax",
  },
): ClientOptions {
  return {
    cluster: config.cluster,
    forceTLS: config.forceTLS,
    ...(config.wsHost
      ? {
          wsHost: config.wsHost,
          wsPort: config.wsPort,
          wssPort: config.wsPort,
          enabledTransports: config.forceTLS ? ["wss"] : ["ws"],
        }
      : {}),
    disableStats: true,
    channelAuthorization,
    userAuthentication,
  };
}
