"use client";
// The browser's one Pusher connection. pusher-js is loaded on first use, so pages that never
// subscribe (sign-in, sign-up) don't ship it.
import type Pusher from "pusher-js";
import type { PublicRealtimeConfig } from "@/lib/env";

let instance: Promise<Pusher> | undefined;
let current: Pusher | undefined;

export function connectRealtime(config: PublicRealtimeConfig): Promise<Pusher> {
  instance ??= import("pusher-js").then(({ default: PusherClient }) => {
    const local = Boolean(config.wsHost);
    current = new PusherClient(config.key, {
      cluster: config.cluster,
      forceTLS: config.forceTLS,
      ...(local
        ? {
            wsHost: config.wsHost,
            wsPort: config.wsPort,
            wssPort: config.wsPort,
            enabledTransports: config.forceTLS ? ["wss"] : ["ws"],
          }
        : {}),
      disableStats: true,
      channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
    });
    return current;
  });
  return instance;
}

/** This tab's socket id, sent with writes so the server doesn't echo our own events back. */
export function currentSocketId(): string | undefined {
  return current?.connection.socket_id ?? undefined;
}

export function disconnectRealtime() {
  current?.disconnect();
  current = undefined;
  instance = undefined;
}
