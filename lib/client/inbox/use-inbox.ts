"use client";
// The conversation list, kept live from the user's own channel. Holding a conversation's latest
// message is "delivered", even for conversations that aren't open.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import useSWR from "swr";
import { EVENTS, userChannel } from "@/lib/core/realtime/channels";
import { connectRealtime } from "@/lib/client/realtime/connection";
import type { ConversationSummary, ConversationUpdatedEvent } from "@/lib/core/types";
import { ack, noteServerMarks, onAcked } from "@/lib/client/ack-queue";
import { fetcher } from "@/lib/client/api";
import { notifyIncoming } from "@/lib/client/desktop-notifications";
import { keys } from "@/lib/client/keys";
import { POLL_MS } from "@/lib/client/polling";
import { useChat } from "@/lib/client/chat-context";

export type InboxList = { conversations: ConversationSummary[] };
type List = InboxList;

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
    conversations: e.lastMessage
      ? [updated, ...rest]
      : list.conversations.map((c) => (c.id === found.id ? updated : c)),
  };
}

export function useInbox(fallback: ConversationSummary[]) {
  const { me, realtime } = useChat();
  const router = useRouter();
  const key = keys.conversations();
  const { data, mutate: mutateCache } = useSWR<List>(key, fetcher, {
    fallbackData: { conversations: fallback },
    // Live updates off: poll instead (SWR skips hidden tabs and refetches on focus by itself).
    refreshInterval: realtime.enabled ? 0 : POLL_MS,
  });
  const conversations = data?.conversations ?? fallback;
  const latest = useRef(conversations);
  useLayoutEffect(() => {
    latest.current = conversations;
  });
  // SWR keeps fallbackData out of its cache: updaters start from what is on screen until a fetch.
  const patch = useCallback(
    (fn: (list: List) => List) =>
      mutateCache((list) => fn(list ?? { conversations: latest.current }), { revalidate: false }),
    [mutateCache],
  );
  const mutate = useCallback(() => mutateCache(), [mutateCache]);

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
        void patch((list) => ({
          conversations: list.conversations.map((c) =>
            c.id === conversationId
              ? {
                  ...c,
                  deliveredSeq: Math.max(c.deliveredSeq, result.deliveredSeq),
                  unreadCount: Math.min(c.unreadCount, Math.max(0, c.lastSeq - result.readSeq)),
                }
              : c,
          ),
        }));
      }),
    [patch],
  );

  useEffect(() => {
    if (!realtime.enabled) return;
    let cancelled = false;
    let cleanup = () => {};
    void connectRealtime(realtime).then((pusher) => {
      if (cancelled) return;
      const name = userChannel(me.id);
      const channel = pusher.subscribe(name);
      channel.bind(EVENTS.conversationUpdated, (e: ConversationUpdatedEvent) => {
        if (!latest.current.some((c) => c.id === e.conversationId)) {
          // A conversation we don't list yet (someone started it): refetch the list.
          void mutate();
        } else {
          void patch((list) => patchList(list, e));
        }
        // My own message: the server already moved my watermarks to it; nothing to acknowledge.
        if (e.lastMessage?.sender.id === me.id) {
          noteServerMarks(e.conversationId, { deliveredSeq: e.lastSeq, readSeq: e.lastSeq });
        } else if (e.lastMessage) {
          ack(e.conversationId, "delivered", e.lastSeq);
          const conversation = latest.current.find((c) => c.id === e.conversationId);
          notifyIncoming(e.lastMessage, conversation, () =>
            router.push(`/conversations/${e.conversationId}`),
          );
        }
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
  }, [me.id, realtime, mutate, patch, router]);

  const totalUnread = conversations.reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = totalUnread > 0 ? `(${totalUnread}) Ticks` : "Ticks";
  }, [totalUnread]);

  return { conversations, mutate };
}
