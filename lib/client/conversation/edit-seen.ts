"use client";
// "Seen the edit" (docs/architecture.md, "Changes"): like read, an edit counts as seen once the
// edited message has been on screen. The server keeps one number per member — every edit up to
// this change seq has been seen — so an ack costs O(1). To keep that number true, this view only
// claims up to just before the oldest edit it knows of that hasn't been on screen: an edited
// message it holds but hasn't shown since the edit, or an edit it heard of to a message it
// doesn't hold.
import { useCallback, useRef, type RefObject } from "react";
import { ack } from "@/lib/client/ack-queue";
import type { ClientDetail } from "./merge";

/** The edit-seen watermark this view may claim: below every unseen edit, at most the newest seen. */
export function editSeenWatermark(unseen: Iterable<number>, seen: Iterable<number>): number {
  const oldestUnseen = Math.min(Infinity, ...unseen);
  const newestSeen = Math.max(0, ...seen);
  return Math.max(0, Math.min(newestSeen, oldestUnseen - 1));
}

export function useEditSeen(id: string, meId: string, latest: RefObject<ClientDetail>) {
  const seen = useRef(new Set<number>());
  const outOfView = useRef(new Set<number>());

  const claim = useCallback(() => {
    const unseen = new Set<number>();
    for (const m of latest.current.messages) {
      if (m.local || m.sender.id === meId || m.editSeq === undefined || m.deleted) continue;
      if (!seen.current.has(m.editSeq)) unseen.add(m.editSeq);
    }
    // What the server knew I hadn't seen when this view loaded, and edits heard of since.
    for (const e of [...(latest.current.unseenEdits ?? []), ...outOfView.current]) {
      if (!seen.current.has(e)) unseen.add(e);
    }
    const upTo = editSeenWatermark(unseen, seen.current);
    if (upTo > 0) ack(id, "editSeen", upTo);
  }, [id, meId, latest]);

  const onEditsSeen = useCallback(
    (editSeqs: number[]) => {
      if (editSeqs.length === 0) return;
      for (const e of editSeqs) seen.current.add(e);
      claim();
    },
    [claim],
  );

  const onEditOutOfView = useCallback((editSeq: number) => {
    outOfView.current.add(editSeq);
  }, []);

  return { onEditsSeen, onEditOutOfView };
}
