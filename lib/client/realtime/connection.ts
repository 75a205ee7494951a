"use client";
// The browser's one Pusher connection, and its channel subscriptions. pusher-js is loaded on first
// use, so pages that never subscribe (sign-in, sign-up) don't ship it — nor does any page when live
// updates are off: this takes only an enabled config, so callers must check `config.enabled`.
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import type { LiveRealtimeConfig } from "@/lib/core/realtime/config";
import { pusherClientOptions } from "@/lib/core/realtime/client-options";
import { retryFailedSubscription } from "./subscription-retry";
import { watchOnline } from "./watchlist";

let instance: Promise<Pusher> | undefined;
let current: Pusher | undefined;
// Several hooks may listen to one channel (the list's online dot and the open chat's header):
// it is subscribed while anyone holds it, and unsubscribed when the last lets go.
const holds = new Map<string, number>();
// A held channel whose authorisation failed for want of an answer is asked for again (see
// subscription-retry.ts); this undoes that when the channel is let go.
const retries = new Map<string, () => void>();

export function connectRealtime(config: LiveRealtimeConfig): Promise<Pusher> {
  instance ??= import("pusher-js").then(({ default: PusherClient }) => {
    current = new PusherClient(config.key, pusherClientOptions(config));
    rejoinAfterTermination(current);
    watchOnline(current);
    return current;
  });
  return instance;
}

/**
 * The app closes a user's connections when they sign out or leave a group (4009, see
 * lib/server/realtime/users.ts); pusher-js then stays disconnected. Connecting again makes every
 * held channel and the sign-in ask the app again: what the user may still hear comes back (and
 * catches up), a group they left refuses, a signed-out session gets nothing.
 */
function rejoinAfterTermination(pusher: Pusher) {
  pusher.connection.bind("error", (e: { data?: { code?: number } } | undefined) => {
    // Reported just before pusher-js disconnects for it: connect once that is done.
    if (e?.data?.code === 4009) setTimeout(() => pusher.connect(), 0);
  });
}

/** This tab's socket id, sent with writes so the server doesn't echo our own events back. */
export function currentSocketId(): string | undefined {
  return current?.connection.socket_id ?? undefined;
}

export function holdChannel(pusher: Pusher, name: string): Channel {
  holds.set(name, (holds.get(name) ?? 0) + 1);
  const channel = pusher.channel(name) ?? pusher.subscribe(name);
  if (!retries.has(name)) retries.set(name, retryFailedSubscription(pusher, channel));
  return channel;
}

/** Lets go of a channel; true when that was the last hold (it is unsubscribed). */
export function releaseChannel(pusher: Pusher, name: string): boolean {
  const left = (holds.get(name) ?? 1) - 1;
  if (left > 0) {
    holds.set(name, left);
    return false;
  }
  holds.delete(name);
  retries.get(name)?.();
  retries.delete(name);
  pusher.unsubscribe(name);
  return true;
}

export function disconnectRealtime() {
  current?.disconnect();
  current = undefined;
  instance = undefined;
  holds.clear();
  for (const undo of retries.values()) undo();
  retries.clear();
}
