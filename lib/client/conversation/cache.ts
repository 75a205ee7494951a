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
import type { ClientDetail } from "./merge";

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
  useLayoutEffect(() => {
    const messages = withKeptReceipts(initial.messages, keptReceipts(me.id, id));
    void mutate({ ...initial, messages }, { revalidate: false }).then(() => setSeeded(true));
  }, [initial, mutate, me.id, id]);

  useEffect(() => {
    if (seeded) keepReceipts(me.id, id, detail.messages);
  }, [seeded, me.id, id, detail.messages]);

  return { detail, latest, update };
}
