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

export function useTyping(channel: Channel | null, meId: string) {
  const [typing, setTyping] = useState<Record<string, number>>({});
  const lastSent = useRef(0);

  useEffect(() => {
    if (!channel) return;
    const onTyping = ({ userId }: { userId?: unknown }) => {
      if (typeof userId !== "string" || userId === meId) return;
      setTyping((t) => ({ ...t, [userId]: Date.now() + TTL_MS }));
    };
    channel.bind(EVENTS.typing, onTyping);
    return () => {
      channel.unbind(EVENTS.typing, onTyping);
    };
  }, [channel, meId]);

  useEffect(() => {
    const expiries = Object.values(typing);
    if (expiries.length === 0) return;
    const wait = Math.max(50, Math.min(...expiries) - Date.now());
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, until]) => until > now)));
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
    channel.trigger(EVENTS.typing, { userId: meId });
  }, [channel, meId]);

  return { userIds: Object.keys(typing), notify, stopped };
}
