"use client";
// The conversation list, kept live from the user's own channel. Holding a conversation's latest
// message is "delivered", even for conversations that aren't open.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import useSWR from "swr";
import { paths } from "@/lib/core/paths";
import { EVENTS, userChannel } from "@/lib/core/realtime/channels";
import type { ConversationSummary, ConversationUpdatedEvent, MessageChangedEvent } from "@/lib/core/types";
import { ack, noteServerMarks, onAcked } from "@/lib/client/ack-queue";
import { fetcher } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import { notifyIncoming } from "@/lib/client/desktop-notifications";
import { keys } from "@/lib/client/keys";
import { POLL_MS } from "@/lib/client/polling";
import { useChannel } from "@/lib/client/realtime/use-channel";
import { applyAck, patchList, patchPreview, type InboxList } from "./patch-list";

// The list's requests on the wire (see onDiscarded).
let listFetches = 0;
async function fetchList(url: string): Promise<InboxList> {
  listFetches++;
  try {
    return await fetcher<InboxList>(url);
  } finally {
    listFetches--;
  }
}

export function useInbox(fallback: ConversationSummary[]) {
  const { me, realtime } = useChat();
  const router = useRouter();
  const { data, mutate: mutateCache } = useSWR<InboxList>(keys.conversations(), fetchList, {
    fallbackData: { conversations: fallback },
    // Live updates off: poll instead (SWR skips hidden tabs and refetches on focus by itself).
    refreshInterval: realtime.enabled ? 0 : POLL_MS,
    // SWR drops a refetch's answer when the list was patched while it was on its way (an ack, an
    // event) and doesn't fetch again by itself: a conversation I was just added to would then
    // stay missing until the next refetch. Fetch again then — but not when a newer request is
    // still on the wire (SWR drops an answer for that too): its answer is the fresh one, and
    // fetching again would cancel it in turn, each dropped answer cancelling the next request, a
    // refetch loop without end (seen: two overlapping refetches became 10–36 requests a second
    // and a list that never took a new conversation).
    onDiscarded: () => {
      if (listFetches === 0) void mutateCache();
    },
  });
  const conversations = data?.conversations ?? fallback;
  const latest = useRef(conversations);
  useLayoutEffect(() => {
    latest.current = conversations;
  });
  // SWR keeps fallbackData out of its cache: updaters start from what is on screen until a fetch.
  // An update that changes nothing on screen (updaters return the list itself then) leaves the
  // cache alone: any write there makes SWR drop a refetch on its way.
  const patch = useCallback(
    (fn: (list: InboxList) => InboxList) => {
      const shown = { conversations: latest.current };
      if (fn(shown) === shown) return;
      return mutateCache((list) => fn(list ?? shown), { revalidate: false });
    },
    [mutateCache],
  );
  const mutate = useCallback(() => mutateCache(), [mutateCache]);

  // Whatever the list shows is held: acknowledge delivery where the server doesn't know it yet.
  useEffect(() => {
    for (const c of conversations) {
      noteServerMarks(c.id, { deliveredSeq: c.deliveredSeq, readSeq: c.readSeq });
      if (c.deliveredSeq < c.lastSeq) ack(c.id, "delivered", c.lastSeq);
    }
  }, [conversations]);

  useEffect(
    () => onAcked((conversationId, marks) => void patch((list) => applyAck(list, conversationId, marks))),
    [patch],
  );

  useChannel(userChannel(me.id), {
    [EVENTS.conversationUpdated]: (e: ConversationUpdatedEvent) => {
      // A conversation we don't list yet (someone started it): refetch the list.
      if (!latest.current.some((c) => c.id === e.conversationId)) void mutate();
      else void patch((list) => patchList(list, e, me.id));
      // My own message: the server already moved my watermarks to it; nothing to acknowledge.
      if (e.lastMessage?.sender.id === me.id) {
        noteServerMarks(e.conversationId, { deliveredSeq: e.lastSeq, readSeq: e.lastSeq });
      } else if (e.readSeq !== undefined && e.deliveredSeq !== undefined) {
        noteServerMarks(e.conversationId, { deliveredSeq: e.deliveredSeq, readSeq: e.readSeq });
      } else if (e.lastMessage) {
        ack(e.conversationId, "delivered", e.lastSeq);
        const conversation = latest.current.find((c) => c.id === e.conversationId);
        // A system line ("Alice added Dana") is in the timeline, but nobody is notified of it; nor
        // of a message the list already holds (announced again after its sender's retry).
        if (!e.lastMessage.system && !(conversation && e.lastSeq <= conversation.lastSeq))
          notifyIncoming(e.lastMessage, conversation, () =>
            router.push(paths.conversation(e.conversationId)),
          );
      }
    },
    // An edit or deletion of a conversation's last message: its preview follows (no unread, no notice).
    [EVENTS.messageChanged]: (e: MessageChangedEvent) => void patch((list) => patchPreview(list, e)),
    // Events may have been missed while (re)connecting: refetch on every (re)subscription.
    "pusher:subscription_succeeded": () => void mutate(),
  });

  const totalUnread = conversations.reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = totalUnread > 0 ? `(${totalUnread}) Ticks` : "Ticks";
  }, [totalUnread]);

  return { conversations, mutate };
}
