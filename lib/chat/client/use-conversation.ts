"use client";
// The open conversation: history in the SWR cache, patched by realtime events, repaired by
// catch-up fetches whenever events may have been missed (subscribe, reconnect, gap, focus).
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import useSWR, { useSWRConfig } from "swr";
import { sendMessageAction } from "@/app/(chat)/actions";
import { EVENTS, conversationChannel } from "@/lib/realtime/channels";
import { connectRealtime, currentSocketId } from "@/lib/realtime/client";
import type { ConversationDetail, Message, ReceiptsEvent } from "../types";
import { ack, noteServerMarks } from "./ack-queue";
import { fetcher } from "./api";
import { keys } from "./keys";
import {
  applyReceipts,
  firstConfirmedSeq,
  hasGap,
  lastConfirmedSeq,
  markFailed,
  mergeMessages,
  upsertLocal,
  type ClientDetail,
  type ClientMessage,
} from "./merge";
import { useChat } from "./realtime-context";
import { patchList, type InboxList } from "./use-inbox";

type Page = { messages: Message[]; hasMore: boolean };

const CATCH_UP_PAGES = 10;

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
  const detail: ClientDetail = data ?? initial;
  // Event handlers read the newest state through this ref (they're bound once per subscription).
  const latest = useRef(detail);
  useLayoutEffect(() => {
    latest.current = detail;
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
    if (!fresh) return;
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
      messages,
    }));
    holdUpTo(lastConfirmedSeq(messages));
  }, [key, update, holdUpTo]);

  useEffect(() => {
    const mine = initial.members.find((m) => m.user.id === me.id);
    if (mine) noteServerMarks(id, { deliveredSeq: mine.deliveredSeq, readSeq: mine.readSeq ?? 0 });
    holdUpTo(lastConfirmedSeq(initial.messages));
  }, [id, me.id, initial, holdUpTo]);

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void connectRealtime(realtime).then((pusher) => {
      if (cancelled) return;
      const name = conversationChannel(id);
      const channel = pusher.subscribe(name);
      channel.bind(EVENTS.messageCreated, ({ message }: { message: Message }) => {
        if (hasGap(latest.current.messages, message.seq)) {
          void catchUp();
          return;
        }
        const known = latest.current.members.some((m) => m.user.id === message.sender.id);
        void update((d) => ({ ...d, messages: mergeMessages(d.messages, [message]) }));
        holdUpTo(message.seq);
        if (!known) void catchUp();
      });
      channel.bind(EVENTS.receiptsUpdated, (event: ReceiptsEvent) => {
        const members = applyReceipts(latest.current.members, event);
        // Someone we don't know yet (joined the lobby after we loaded): refetch members.
        if (!members) void catchUp();
        else if (members !== latest.current.members)
          void update((d) => ({ ...d, members: applyReceipts(d.members, event) ?? d.members }));
      });
      // First subscribe and every re-subscribe after a reconnect: fetch what we may have missed.
      channel.bind("pusher:subscription_succeeded", () => void catchUp());
      cleanup = () => {
        channel.unbind_all();
        pusher.unsubscribe(name);
      };
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [id, realtime, catchUp, update, holdUpTo]);

  // A tab that was hidden may have missed events (browsers throttle background sockets).
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void catchUp();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [catchUp]);

  const loadOlder = useCallback(async () => {
    const before = firstConfirmedSeq(latest.current.messages);
    if (before === undefined || before <= 1) return;
    const page = await fetcher<Page>(`${key}/messages?before=${before}&limit=50`);
    await update((d) => ({
      ...d,
      messages: mergeMessages(d.messages, page.messages),
      hasMore: page.hasMore,
    }));
  }, [key, update]);

  const deliver = useCallback(
    async (message: ClientMessage) => {
      await update((d) => ({ ...d, messages: upsertLocal(d.messages, { ...message, local: "sending" }) }));
      const result = await sendMessageAction(id, {
        body: message.body,
        clientId: message.clientId,
        socketId: currentSocketId(),
      }).catch(() => null);
      if (!result?.ok) {
        await update((d) => ({ ...d, messages: markFailed(d.messages, message.clientId) }));
        return;
      }
      const sent = result.value;
      await update((d) => ({ ...d, messages: mergeMessages(d.messages, [sent]) }));
      await mutateGlobal(
        keys.conversations(),
        (list: InboxList | undefined) =>
          list &&
          patchList(list, { conversationId: id, lastSeq: sent.seq, lastMessage: sent, unreadCount: 0 }),
        { revalidate: false },
      );
    },
    [id, update, mutateGlobal],
  );

  const send = useCallback(
    (body: string) => {
      const clientId = crypto.randomUUID();
      return deliver({
        id: `local-${clientId}`,
        conversationId: id,
        seq: 0,
        sender: me,
        body,
        clientId,
        createdAt: new Date().toISOString(),
      });
    },
    [deliver, id, me],
  );

  /** Resends a failed message with its original clientId: the server stores it at most once. */
  const retry = useCallback(
    (clientId: string) => {
      const message = latest.current.messages.find((m) => m.local === "failed" && m.clientId === clientId);
      if (message) void deliver(message);
    },
    [deliver],
  );

  const markRead = useCallback((seq: number) => ack(id, "read", seq), [id]);

  return { detail, send, retry, loadOlder, markRead };
}
