"use client";
// Who is online, from presence-conversation-{id} channels. Several components may watch the same
// conversation (the list's dot, the open chat's header): they share one subscription and one store.
import { useState, useSyncExternalStore } from "react";
import { presenceChannel } from "@/lib/core/realtime/channels";
import { useChannels, useRealtime } from "./use-channel";

type Members = { each(fn: (m: { id: string }) => void): void };

/** Online user ids per presence channel; null when presence is unavailable (e.g. over 100 members). */
const online = new Map<string, Set<string> | null>();
const listeners = new Set<() => void>();
let version = 0;

function set(channel: string, ids: Set<string> | null) {
  online.set(channel, ids);
  version++;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const handlers = {
  "pusher:subscription_succeeded": (members: Members | undefined, channel: string) => {
    const ids = new Set<string>();
    members?.each((m) => ids.add(m.id));
    set(channel, ids);
  },
  "pusher:member_added": (m: { id: string }, channel: string) =>
    set(channel, new Set([...(online.get(channel) ?? []), m.id])),
  "pusher:member_removed": (m: { id: string }, channel: string) => {
    const next = new Set(online.get(channel) ?? []);
    next.delete(m.id);
    set(channel, next);
  },
  // Pusher caps presence channels at 100 members: beyond that we simply show no presence.
  "pusher:subscription_error": (_error: unknown, channel: string) => set(channel, null),
};

const forget = (channel: string) => {
  online.delete(channel);
  version++;
  for (const l of listeners) l();
};

/** Watches presence in these conversations; returns a lookup of who is online where. */
export function usePresence(conversationIds: string[]) {
  // Live updates off: presence needs them; nobody is shown online.
  useChannels(conversationIds.map(presenceChannel), handlers, forget);
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
  return (conversationId: string): Set<string> | null | undefined =>
    online.get(presenceChannel(conversationId));
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
// When this tab's live connection last went down, while it is down; null while up (or never up).
let lostAt: number | null = null;

/**
 * While my own connection is down (offline, or the realtime server unreachable), who is online is
 * only the last known state: nobody may look online *now* on the strength of it. Then this is
 * the time it was last known ("14:05"); null while presence is live.
 */
export function usePresenceAsOf(): string | null {
  const [asOf, setAsOf] = useState<number | null>(null);
  useRealtime("presence-freshness", (pusher) => {
    let wasLive = false;
    const apply = () => {
      const live = navigator.onLine && pusher.connection.state === "connected";
      if (live) lostAt = null;
      else if (wasLive) lostAt ??= Date.now();
      wasLive ||= live;
      setAsOf(lostAt);
    };
    apply();
    pusher.connection.bind("state_change", apply);
    window.addEventListener("online", apply);
    window.addEventListener("offline", apply);
    return () => {
      pusher.connection.unbind("state_change", apply);
      window.removeEventListener("online", apply);
      window.removeEventListener("offline", apply);
    };
  });
  return asOf === null ? null : clock.format(asOf);
}

/** "online", or "online (as of 14:05)" while that's only the last known state. */
export const onlineWords = (asOf: string | null) => (asOf ? `online (as of ${asOf})` : "online");
