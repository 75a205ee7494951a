"use client";
// The conversation's change sequence as this view knows it (docs/architecture.md, "Changes"):
// every new message, edit, deletion, reaction and membership change takes the next number, and every
// member hears each one. Knowing "everything up to N" lets a catch-up ask only for what came after,
// and a number that skips one means an event was missed.
import type { RefObject } from "react";
import type { Changes } from "@/lib/core/types";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import type { Update } from "./cache";
import { withChanges, type ClientDetail } from "./merge";

/**
 * Notes a change heard live. In order → it becomes the known position; beyond the next one →
 * something was missed (returns true: catch up); already known → nothing.
 */
export function noteChange(
  latest: RefObject<ClientDetail>,
  update: Update,
  changeSeq: number | undefined,
): boolean {
  if (changeSeq === undefined) return false;
  const known = latest.current.conversation.changeSeq;
  if (changeSeq > known + 1) return true;
  if (changeSeq === known + 1) {
    // Also into the ref at once: the next event may arrive before React renders this one.
    latest.current = { ...latest.current, conversation: { ...latest.current.conversation, changeSeq } };
    void update((d) =>
      d.conversation.changeSeq >= changeSeq ? d : { ...d, conversation: { ...d.conversation, changeSeq } },
    );
  }
  return false;
}

const PAGES = 10;

/**
 * What changed after `after`, applied to the messages held, up to PAGES pages. Returns the change
 * seq now known — as far as the pages applied reach, which the next catch-up goes on from (a page
 * may hold nothing and still move it: a former member's walk past changes they can't see) — or
 * null when nothing could be fetched.
 */
export async function fetchChanges(id: string, after: number, update: Update): Promise<number | null> {
  let known = after;
  for (let i = 0; i < PAGES; i++) {
    const page = await fetcher<Changes>(keys.changes(id, known)).catch(() => null);
    if (!page) return i === 0 ? null : known;
    if (page.messages.length > 0) await update((d) => withChanges(d, page.messages));
    known = Math.max(known, page.changeSeq);
    if (!page.hasMore) return known;
  }
  return known;
}
