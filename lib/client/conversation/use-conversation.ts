"use client";
// The open conversation: history in the SWR cache, patched by realtime events, repaired by
// catch-up fetches whenever events may have been missed (subscribe, reconnect, gap, focus).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Channel } from "pusher-js";
import useSWR, { useSWRConfig } from "swr";
import { EVENTS, conversationChannel } from "@/lib/core/realtime/channels";
import { connectRealtime } from "@/lib/client/realtime/connection";
import type { ConversationDetail, Message, ReceiptsEvent } from "@/lib/core/types";
import { ack, noteServerMarks } from "@/lib/client/ack-queue";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import {
  applyReceipts,
  firstConfirmedSeq,
  hasGap,
  lastConfirmedSeq,
  mergeMessages,
  type ClientDetail,
} from "./merge";
import { useOutbox } from "./outbox";
import { usePolling } from "@/lib/client/polling";
import { useChat } from "@/lib/client/chat-context";
import { toast } from "@/lib/client/toast";
import { useTyping } from "@/lib/client/realtime/typing";

type Page = { messages: Message[]; hasMore: boolean };

const pendingOf = (cached: ClientDetail | undefined) => cached?.messages.filter((m) => m.local) ?? [];

const CATCH_UP_PAGES = 10;
export const CATCH_UP_EVENT = "ticks:catch-up";

/** Asks the open conversation to refetch (e.g. after a settings change alters what we may see). */
export function requestCatchUp() {
  window.dispatchEvent(new Event(CATCH_UP_EVENT));
}

export function useConversation(initial: ConversationDetail) {
  const id = initial.conversation.id;
  const key = keys.conversation(id);
  const { me, realtime } = useChat();
  const { mutate: mutateGlobal } = useSWRConfig();
  // The cache is patched by events and catch-ups; a plain refetch of the latest page would drop
  // older pages already loaded, so SWR's own revalidation is off and catch-up does it instead.
  const { data, mutate } = useSWR<ClientDetail>(key, fetcher, {
    fallbackData: initial,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
    revalidateOnMount: false,
  });
  // Until the server's fresh data is in the cache (below), show it directly, not a stale cache.
  const [seeded, setSeeded] = useState(false);
  const detail: ClientDetail = seeded ? (data ?? initial) : initial;
  // Event handlers read the newest state through this ref (they're bound once per subscription).
  const latest = useRef(detail);
  useLayoutEffect(() => {
    latest.current = detail;
  });
  const [channel, setChannel] = useState<Channel | null>(null);

  // Where "New messages" starts: the first message from someone else after my read watermark when
  // the conversation opened. Fixed for the life of this view, as in every chat app.
  // Every message after my read watermark is someone else's (sending moves it past my own).
  const [unreadFrom] = useState(() => {
    const readSeq = initial.members.find((m) => m.user.id === me.id)?.readSeq ?? 0;
    return readSeq < initial.conversation.lastSeq ? readSeq + 1 : null;
  });

  // SWR keeps fallbackData out of its cache, so an updater may see nothing yet: start from what
  // is on screen then.
  const update = useCallback(
    (fn: (d: ClientDetail) => ClientDetail) => mutate((d) => fn(d ?? latest.current), { revalidate: false }),
    [mutate],
  );

  const holdUpTo = useCallback(
    (seq: number) => {
      if (seq > 0) ack(id, "delivered", seq);
    },
    [id],
  );

  /** Fetches everything after what we hold (and fresh member watermarks), then acks once. */
  const catchUp = useCallback(async () => {
    const fresh = await fetcher<ConversationDetail>(key).catch(() => null);
    if (!fresh) {
      // Offline is already shown by the connection status; anything else would pass unnoticed.
      if (navigator.onLine) toast("Couldn't check for new messages. Some may be missing.", "catch-up");
      return;
    }
    let messages = mergeMessages(latest.current.messages, fresh.messages);
    // More was missed than the latest page holds: fill the hole with ?after= pages.
    let after = lastConfirmedSeq(latest.current.messages);
    const firstFresh = fresh.messages[0]?.seq ?? 0;
    for (let i = 0; after > 0 && after + 1 < firstFresh && i < CATCH_UP_PAGES; i++) {
      const page = await fetcher<Page>(`${key}/messages?after=${after}&limit=100`).catch(() => null);
      if (!page || page.messages.length === 0) break;
      messages = mergeMessages(messages, page.messages);
      after = page.messages.at(-1)!.seq;
      if (!page.hasMore) break;
    }
    await update((d) => ({
      ...d,
      conversation: fresh.conversation,
      members: fresh.members,
      me: fresh.me,
      messages: mergeMessages(
        d.messages,
        messages.filter((m) => !m.local),
      ),
    }));
    holdUpTo(lastConfirmedSeq(messages));
  }, [key, update, holdUpTo]);

  const typing = useTyping(channel, me.id);
  const { send, retry } = useOutbox({ conversationId: id, me, update, mutateGlobal, latest });

  // The page was just rendered on the server: its data is fresher than anything this tab cached
  // on an earlier visit. Keep only the cache's unconfirmed sends (still on their way).
  useLayoutEffect(() => {
    void mutate((cached) => ({ ...initial, messages: [...initial.messages, ...pendingOf(cached)] }), {
      revalidate: false,
    }).then(() => setSeeded(true));
  }, [initial, mutate]);

  useEffect(() => {
    const mine = initial.members.find((m) => m.user.id === me.id);
    if (mine) noteServerMarks(id, { deliveredSeq: mine.deliveredSeq, readSeq: mine.readSeq ?? 0 });
    holdUpTo(lastConfirmedSeq(initial.messages));
  }, [id, me.id, initial, holdUpTo]);

  // Live updates off: no channel, no typing; polling (below) brings messages and receipts.
  usePolling(catchUp, !realtime.enabled);

  useEffect(() => {
    if (!realtime.enabled) return;
    let cancelled = false;
    let cleanup = () => {};
    void connectRealtime(realtime).then((pusher) => {
      if (cancelled) return;
      const name = conversationChannel(id);
      const subscribed = pusher.subscribe(name);
      subscribed.bind(EVENTS.messageCreated, ({ message }: { message: Message }) => {
        typing.stopped(message.sender.id);
        if (hasGap(latest.current.messages, message.seq)) {
          void catchUp();
          return;
        }
        const known = latest.current.members.some((m) => m.user.id === message.sender.id);
        void update((d) => ({ ...d, messages: mergeMessages(d.messages, [message]) }));
        // Sent from my other tab: the server already moved my watermarks to it.
        if (message.sender.id === me.id)
          noteServerMarks(id, { deliveredSeq: message.seq, readSeq: message.seq });
        else holdUpTo(message.seq);
        if (!known) void catchUp();
      });
      subscribed.bind(EVENTS.receiptsUpdated, (event: ReceiptsEvent) => {
        const members = applyReceipts(latest.current.members, event);
        // Someone we don't know yet (joined the lobby after we loaded): refetch members.
        if (!members) void catchUp();
        else if (members !== latest.current.members) {
          void update((d) => ({ ...d, members: applyReceipts(d.members, event) ?? d.members }));
        }
      });
      // First subscribe and every re-subscribe after a reconnect: fetch what we may have missed.
      subscribed.bind("pusher:subscription_succeeded", () => void catchUp());
      setChannel(subscribed);
      cleanup = () => {
        subscribed.unbind_all();
        pusher.unsubscribe(name);
        setChannel(null);
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
    // typing.stopped is stable (see useTyping).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, me.id, realtime, catchUp, update, holdUpTo]);

  // A tab that was hidden may have missed events (browsers throttle background sockets); and a
  // settings change may alter what we're allowed to see.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void catchUp();
    };
    const onRequest = () => void catchUp();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener(CATCH_UP_EVENT, onRequest);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener(CATCH_UP_EVENT, onRequest);
    };
  }, [catchUp]);

  const loadOlder = useCallback(async () => {
    const before = firstConfirmedSeq(latest.current.messages);
    if (before === undefined || before <= 1) return;
    const page = await fetcher<Page>(`${key}/messages?before=${before}&limit=50`);
    await update((d) => ({ ...d, messages: mergeMessages(d.messages, page.messages) }));
  }, [key, update]);

  const markRead = useCallback((seq: number) => ack(id, "read", seq), [id]);

  return {
    detail,
    send,
    retry,
    loadOlder,
    markRead,
    unreadFrom,
    typingUserIds: typing.userIds,
    notifyTyping: typing.notify,
  };
}
