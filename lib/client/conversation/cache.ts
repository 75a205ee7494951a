"use client";
// The open conversation's data: the SWR cache, seeded from the server's render and then patched
// by events, sends and catch-ups (never by SWR's own refetch: a plain refetch of the latest page
// would drop older pages already loaded).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import useSWR from "swr";
import type { ConversationDetail } from "@/lib/core/types";
import { fetcher } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import { keys } from "@/lib/client/keys";
import { keepReceipts, keptReceipts, withKeptReceipts } from "./kept-receipts";
import { lastConfirmedSeq, type ClientDetail } from "./merge";

export type Update = (fn: (d: ClientDetail) => ClientDetail) => Promise<unknown>;

export function useConversationCache(initial: ConversationDetail) {
  const { me } = useChat();
  const id = initial.conversation.id;
  const { data, mutate } = useSWR<ClientDetail>(keys.conversation(initial.conversation.id), fetcher, {
    fallbackData: initial,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
    revalidateOnMount: false,
  });
  // Until the server's fresh data is in the cache (below), show it directly, not a stale cache.
  const [seeded, setSeeded] = useState(false);
  const detail: ClientDetail = seeded ? (data ?? initial) : initial;
  // Event handlers read the newest state through this ref (they outlive renders).
  const latest = useRef(detail);
  useLayoutEffect(() => {
    latest.current = detail;
  });

  // SWR keeps fallbackData out of its cache, so an updater may see nothing yet: start from what
  // is on screen then.
  const update: Update = useCallback(
    (fn) => mutate((d) => fn(d ?? latest.current), { revalidate: false }),
    [mutate],
  );

  // The page was rendered on the server: its data is fresher than anything this tab cached on an
  // earlier visit (messages on their way live in the outbox, not here) — except for ticks already
  // shown, when the page is an offline copy rendered before them.
  // A render that arrives while the view is open (a refresh, or the same conversation opened
  // again) was made some moments earlier: a message event in between must not vanish under it, so
  // messages newer than the render stay, and `reseeds` asks for a catch-up (use-conversation.ts)
  // to bring back whatever else changed meanwhile (an edit, a reaction).
  const seededWith = useRef<ConversationDetail | null>(null);
  const [reseeds, setReseeds] = useState(0);
  useLayoutEffect(() => {
    const again = seededWith.current !== null && seededWith.current !== initial;
    seededWith.current = initial;
    const rendered = withKeptReceipts(initial.messages, keptReceipts(me.id, id));
    const seed = (cached: ClientDetail | undefined): ClientDetail => {
      if (!again || !cached) return { ...initial, messages: rendered };
      const last = lastConfirmedSeq(rendered);
      const newer = cached.messages.filter((m) => !m.local && m.seq > last);
      return { ...initial, messages: [...rendered, ...newer] };
    };
    void mutate(seed, { revalidate: false }).then(() => {
      setSeeded(true);
      if (again) setReseeds((n) => n + 1);
    });
  }, [initial, mutate, me.id, id]);

  useEffect(() => {
    if (seeded) keepReceipts(me.id, id, detail.messages);
  }, [seeded, me.id, id, detail.messages]);

  return { detail, latest, update, reseeds };
}
