"use client";
// Repairing the open conversation after events may have been missed (Pusher is at-most-once):
// fetch the latest state, fill any hole with ?after= pages, then acknowledge once.
import { useCallback, useEffect, type RefObject } from "react";
import type { ConversationDetail, Message } from "@/lib/core/types";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { usePolling } from "@/lib/client/polling";
import { toast } from "@/lib/client/toast";
import type { Update } from "./cache";
import { fetchChanges } from "./changes";
import { firstConfirmedSeq, lastConfirmedSeq, mergeMessages, withMessages, type ClientDetail } from "./merge";

type Page = { messages: Message[]; hasMore: boolean };

const CATCH_UP_PAGES = 10;
const CATCH_UP_EVENT = "ticks:catch-up";

/** Asks the open conversation to refetch (e.g. after a settings change alters what we may see). */
export function requestCatchUp() {
  window.dispatchEvent(new Event(CATCH_UP_EVENT));
}

export function useCatchUp(input: {
  id: string;
  latest: RefObject<ClientDetail>;
  update: Update;
  /** Called with the highest seq now held (it is delivered). */
  onHeld: (seq: number) => void;
  /** Live updates off: poll instead of waiting for events. */
  poll: boolean;
}) {
  const { id, latest, update, onHeld } = input;
  const catchUp = useCallback(async () => {
    // Where this view's knowledge of changes ends: edits, deletions and reactions after it are fetched.
    const knownChange = knownChangeOf(latest);
    const fresh = await fetcher<ConversationDetail>(keys.conversation(id)).catch(() => null);
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
      const page = await fetcher<Page>(keys.messages(id, { after, limit: 100 })).catch(() => null);
      if (!page || page.messages.length === 0) break;
      messages = mergeMessages(messages, page.messages);
      after = page.messages.at(-1)!.seq;
      if (!page.hasMore) break;
    }
    await update((d) => ({
      ...withMessages(
        d,
        messages.filter((m) => !m.local),
      ),
      // The change position stays where it was until the changes after it are in (below).
      conversation: { ...fresh.conversation, changeSeq: Math.min(knownChange, d.conversation.changeSeq) },
      me: fresh.me,
      unseenEdits: fresh.unseenEdits,
      // Absent when it may not be shown (privacy changed meanwhile): then it goes.
      lastSeen: fresh.lastSeen,
    }));
    onHeld(lastConfirmedSeq(messages));
    const caughtUp = await fetchChanges(id, knownChange, update);
    if (caughtUp !== null) {
      await update((d) => ({
        ...d,
        conversation: { ...d.conversation, changeSeq: Math.max(d.conversation.changeSeq, caughtUp) },
      }));
    }
  }, [id, latest, update, onHeld]);

  usePolling(catchUp, input.poll);

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

  return catchUp;
}

/** "Load older": the page before the oldest message held. */
export function useLoadOlder(id: string, latest: RefObject<ClientDetail>, update: Update) {
  return useCallback(async () => {
    const before = oldestHeld(latest);
    if (before === undefined || before <= 1) return;
    const page = await fetcher<Page>(keys.messages(id, { before, limit: 50 }));
    await update((d) => withMessages(d, page.messages));
  }, [id, latest, update]);
}

// Read at call time, not at render (a ref holds what is on screen now).
const oldestHeld = (latest: RefObject<ClientDetail>) => firstConfirmedSeq(latest.current.messages);

// Read at call time (the ref holds what this view knows now).
const knownChangeOf = (latest: RefObject<ClientDetail>) => latest.current.conversation.changeSeq;
