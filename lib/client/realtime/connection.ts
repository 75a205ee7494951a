"use client";
// The browser's one Pusher connection. pusher-js is loaded on first use, so pages that never
// subscribe (sign-in, sign-up) don't ship it — nor does any page when live updates are off: this
// takes only an enabled config, so callers must check `config.enabled` (and poll instead).
import type Pusher from "pusher-js";
import type { LiveRealtimeConfig } from "@/lib/server/realtime/settings";
import { pusherClientOptions } from "@/lib/core/realtime/client-options";

let instance: Promise<Pusher> | undefined;
let current: Pusher | undefined;

export function connectRealtime(config: LiveRealtimeConfig): Promise<Pusher> {
  instance ??= import("pusher-js").then(({ default: PusherClient }) => {
    current = new PusherClient(config.key, pusherClientOptions(config));
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
