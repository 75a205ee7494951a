"use client";
// Who is online, from presence-conversation-{id} channels. Several components may watch the same
// conversation (the list's dot, the open chat's header), so subscriptions are reference-counted.
import { useEffect, useSyncExternalStore } from "react";
import type Pusher from "pusher-js";
import { presenceChannel } from "@/lib/core/realtime/channels";
import { connectRealtime } from "./connection";
import { useChat } from "@/lib/client/chat-context";

type Members = { each(fn: (m: { id: string }) => void): void };

/** Online user ids per conversation; null when presence is unavailable (e.g. over 100 members). */
const online = new Map<string, Set<string> | null>();
const refs = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;

function emit() {
  version++;
  for (const l of listeners) l();
}

function retain(pusher: Pusher, conversationId: string) {
  const count = refs.get(conversationId) ?? 0;
  refs.set(conversationId, count + 1);
  if (count > 0) return;
  const channel = pusher.subscribe(presenceChannel(conversationId));
  channel.bind("pusher:subscription_succeeded", (members: Members) => {
    const ids = new Set<string>();
    members.each((m) => ids.add(m.id));
    online.set(conversationId, ids);
    emit();
  });
  channel.bind("pusher:member_added", (m: { id: string }) => {
    online.set(conversationId, new Set([...(online.get(conversationId) ?? []), m.id]));
    emit();
  });
  channel.bind("pusher:member_removed", (m: { id: string }) => {
    const next = new Set(online.get(conversationId) ?? []);
    next.delete(m.id);
    online.set(conversationId, next);
    emit();
  });
  // Pusher caps presence channels at 100 members: beyond that we simply show no presence.
  channel.bind("pusher:subscription_error", () => {
    online.set(conversationId, null);
    emit();
  });
}

function release(pusher: Pusher, conversationId: string) {
  const count = (refs.get(conversationId) ?? 1) - 1;
  if (count > 0) {
    refs.set(conversationId, count);
    return;
  }
  refs.delete(conversationId);
  online.delete(conversationId);
  const name = presenceChannel(conversationId);
  pusher.channel(name)?.unbind_all();
  pusher.unsubscribe(name);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Watches presence in these conversations; returns a lookup of who is online where. */
export function usePresence(conversationIds: string[]) {
  const { realtime } = useChat();
  const key = conversationIds.join(",");
  useEffect(() => {
    // Live updates off: presence needs them; nobody is shown online.
    if (!realtime.enabled) return;
    const ids = key ? key.split(",") : [];
    let pusher: Pusher | undefined;
    let cancelled = false;
    void connectRealtime(realtime).then((p) => {
      if (cancelled) return;
      pusher = p;
      for (const id of ids) retain(p, id);
    });
    return () => {
      cancelled = true;
      if (pusher) for (const id of ids) release(pusher, id);
    };
  }, [key, realtime]);
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
  return (conversationId: string): Set<string> | null | undefined => online.get(conversationId);
}
