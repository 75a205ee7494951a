"use client";
// The one way browser code listens to the realtime server: connect (once per tab), hold the
// channels (shared, see connection.ts), bind the handlers, and undo exactly that on unmount or when
// the channels change. Handlers are read through a ref, so a re-render never rebinds them.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import { useChat } from "@/lib/client/chat-context";
import { connectRealtime, holdChannel, releaseChannel } from "./connection";

/** An event's handler; `channel` says which channel it came on (one hook may hold several). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event has its own payload
export type Handlers = Record<string, (data: any, channel: string) => void>;

const SUBSCRIBED = "pusher:subscription_succeeded";

/**
 * Runs `setup` with the tab's connection once it is ready, and its cleanup when `key` changes or
 * the component unmounts. Nothing runs with live updates off.
 */
export function useRealtime(key: string, setup: (pusher: Pusher) => () => void) {
  const { realtime } = useChat();
  const latest = useRef(setup);
  useLayoutEffect(() => {
    latest.current = setup;
  });
  useEffect(() => {
    if (!realtime.enabled) return;
    let cancelled = false;
    let cleanup = () => {};
    void connectRealtime(realtime).then((pusher) => {
      if (!cancelled) cleanup = latest.current(pusher);
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [key, realtime]);
}

/**
 * Listens to these channels with these handlers. `pusher:subscription_succeeded` also runs when
 * the channel was already subscribed by someone else: every listener learns it is live (and, on a
 * presence channel, who is there) — that is where callers fetch what they may have missed.
 * `onReleased` runs for a channel this hook was the last to hold. Returns the channels held.
 */
export function useChannels(
  names: string[],
  handlers: Handlers,
  onReleased?: (name: string) => void,
): Map<string, Channel> {
  const current = useRef(handlers);
  const released = useRef(onReleased);
  useLayoutEffect(() => {
    current.current = handlers;
    released.current = onReleased;
  });
  const [held, setHeld] = useState<Map<string, Channel>>(() => new Map());
  const key = names.join(",");
  useRealtime(key, (pusher) => {
    const list = key ? key.split(",") : [];
    const undo: (() => void)[] = [];
    const channels = new Map<string, Channel>();
    for (const name of list) {
      const channel = holdChannel(pusher, name);
      channels.set(name, channel);
      const events = Object.keys(current.current);
      const bound = events.map((event) => {
        const fn = (data: unknown) => current.current[event]?.(data, name);
        channel.bind(event, fn);
        return [event, fn] as const;
      });
      if (channel.subscribed) {
        const members = (channel as Channel & { members?: unknown }).members;
        current.current[SUBSCRIBED]?.(members, name);
      }
      undo.push(() => {
        for (const [event, fn] of bound) channel.unbind(event, fn);
        if (releaseChannel(pusher, name)) released.current?.(name);
      });
    }
    setHeld(channels);
    return () => {
      for (const u of undo) u();
      setHeld(new Map());
    };
  });
  return held;
}

/** One channel: useChannels for a single name; the channel once held (null before, or when off). */
export function useChannel(name: string, handlers: Handlers): Channel | null {
  return useChannels([name], handlers).get(name) ?? null;
}
