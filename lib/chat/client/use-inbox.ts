"use client";
// The conversation list, kept live from the user's own channel. Holding a conversation's latest
// message is "delivered", even for conversations that aren't open.
import { useEffect } from "react";
import useSWR from "swr";
import { EVENTS, userChannel } from "@/lib/realtime/channels";
import { connectRealtime } from "@/lib/realtime/client";
import type { ConversationSummary, ConversationUpdatedEvent } from "../types";
import { ack, noteServerMarks, onAcked } from "./ack-queue";
import { fetcher } from "./api";
import { keys } from "./keys";
import { useChat } from "./realtime-context";

type List = { conversations: ConversationSummary[] };

export function patchList(list: List, e: ConversationUpdatedEvent): List {
  const found = list.conversations.find((c) => c.id === e.conversationId);
  if (!found) return list;
  const newer = e.lastSeq >= found.lastSeq;
  const updated: ConversationSummary = {
    ...found,
    lastSeq: Math.max(found.lastSeq, e.lastSeq),
    lastMessage: newer && e.lastMessage !== undefined ? e.lastMessage : found.lastMessage,
    unreadCount: newer ? e.unreadCount : found.unreadCount,
  };
  const rest = list.conversations.filter((c) => c.id !== e.conversationId);
  // New activity moves a conversation to the top; a read elsewhere only changes its badge.
  return {
    conversations: e.lastMessage ? [updated, ...rest] : list.conversations.map((c) => (c.id === found.id ? updated : c)),
  };
}

export function useInbox(fallback: ConversationSummary[]) {
  const { me, realtime } = useChat();
  const key = keys.conversations();
  const { data, mutate } = useSWR<List>(key, fetcher, { fallbackData: { conversations: fallback } });
  const conversations = data?.conversations ?? fallback;

  // Whatever the list shows is held: acknowledge delivery where the server doesn't know it yet.
  useEffect(() => {
    for (const c of conversations) {
      noteServerMarks(c.id, { deliveredSeq: c.deliveredSeq, readSeq: c.lastSeq - c.unreadCount });
      if (c.deliveredSeq < c.lastSeq) ack(c.id, "delivered", c.lastSeq);
    }
  }, [conversations]);

  useEffect(
    () =>
      onAcked((conversationId, result) => {
        void mutate(
          (list) =>
            list && {
              conversations: list.conversations.map((c) =>
                c.id === conversationId
                  ? {
                      ...c,
                      deliveredSeq: Math.max(c.deliveredSeq, result.deliveredSeq),
                      unreadCount: Math.min(c.unreadCount, Math.max(0, c.lastSeq - result.readSeq)),
                    }
                  : c,
              ),
            },
          { revalidate: false },
        );
      }),
    [mutate],
  );

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void connectRealtime(realtime).then((pusher) => {
      if (cancelled) return;
      const name = userChannel(me.id);
      const channel = pusher.subscribe(name);
      channel.bind(EVENTS.conversationUpdated, (e: ConversationUpdatedEvent) => {
        void mutate(
          (list) => {
            if (!list) return list;
            if (!list.conversations.some((c) => c.id === e.conversationId)) {
              // A conversation we don't list yet (someone started it): refetch the list.
              void mutate();
              return list;
            }
            return patchList(list, e);
          },
          { revalidate: false },
        );
        if (e.lastMessage) ack(e.conversationId, "delivered", e.lastSeq);
      });
      // Events may have been missed while (re)connecting: refetch on every (re)subscription.
      channel.bind("pusher:subscription_succeeded", () => void mutate());
      cleanup = () => {
        channel.unbind_all();
        pusher.unsubscribe(name);
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [me.id, realtime, mutate]);

  const totalUnread = conversations.reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = totalUnread > 0 ? `(${totalUnread}) Ticks` : "Ticks";
  }, [totalUnread]);

  return { conversations, mutate };
}
