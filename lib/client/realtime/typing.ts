"use client";
// "Alice is typing…": throttled client events on the conversation's channel that expire on
// their own, and end at once when that person's message arrives.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Channel } from "pusher-js";
import { EVENTS } from "@/lib/core/realtime/channels";

// Pusher allows 10 client events per second per connection; one per 2 s is plenty for typing.
const THROTTLE_MS = 2000;
// A little longer than the throttle, so a steady typist doesn't flicker.
const TTL_MS = 3500;

type Typist = { name: string; until: number };

/**
 * Who is typing in the open conversation. The event carries the typist's name: only members can
 * send on the conversation's private channel, and the name is only ever shown as text.
 */
export function useTyping(channel: Channel | null, me: { id: string; name: string }) {
  const meId = me.id;
  const [typing, setTyping] = useState<Record<string, Typist>>({});
  const lastSent = useRef(0);

  useEffect(() => {
    if (!channel) return;
    const onTyping = ({ userId, name }: { userId?: unknown; name?: unknown }) => {
      if (typeof userId !== "string" || userId === meId) return;
      const shown = typeof name === "string" && name.trim() ? name.slice(0, 64) : "Someone";
      setTyping((t) => ({ ...t, [userId]: { name: shown, until: Date.now() + TTL_MS } }));
    };
    channel.bind(EVENTS.typing, onTyping);
    return () => {
      channel.unbind(EVENTS.typing, onTyping);
    };
  }, [channel, meId]);

  useEffect(() => {
    const expiries = Object.values(typing).map((t) => t.until);
    if (expiries.length === 0) return;
    const wait = Math.max(50, Math.min(...expiries) - Date.now());
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, typist]) => typist.until > now)));
    }, wait);
    return () => clearTimeout(timer);
  }, [typing]);

  const stopped = useCallback((userId: string) => {
    setTyping((t) => {
      if (!(userId in t)) return t;
      const rest = { ...t };
      delete rest[userId];
      return rest;
    });
  }, []);

  const notify = useCallback(() => {
    if (!channel?.subscribed) return;
    const now = Date.now();
    if (now - lastSent.current < THROTTLE_MS) return;
    lastSent.current = now;
    channel.trigger(EVENTS.typing, { userId: meId, name: me.name });
  }, [channel, meId, me.name]);

  return { names: Object.values(typing).map((t) => t.name), notify, stopped };
}
