"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { loadDraft, saveDraft } from "./outbox";

// Typing saves at most this often; leaving the conversation or the page saves at once.
const SAVE_AFTER_MS = 300;

export type DraftHandle = {
  /** The draft saved for this conversation, once read ("" when none); undefined until then. */
  saved: string | undefined;
  save: (body: string) => void;
  /** The message was sent: no draft any more. */
  clear: () => void;
};

/** A conversation's draft: kept across chat switches, reloads and restarts; cleared on send. */
export function useDraft(conversationId: string): DraftHandle {
  const [saved, setSaved] = useState<string>();
  const pending = useRef<{ body: string; timer: ReturnType<typeof setTimeout> } | null>(null);

  useEffect(() => {
    let live = true;
    loadDraft(conversationId).then(
      (body) => live && setSaved(body),
      () => live && setSaved(""),
    );
    return () => {
      live = false;
    };
  }, [conversationId]);

  const flush = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    void saveDraft(conversationId, p.body).catch(() => {});
  }, [conversationId]);

  const save = useCallback(
    (body: string) => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { body, timer: setTimeout(flush, SAVE_AFTER_MS) };
    },
    [flush],
  );

  const clear = useCallback(() => {
    save("");
    flush();
  }, [save, flush]);

  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [flush]);

  return { saved, save, clear };
}
