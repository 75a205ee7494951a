"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { loadDraft, saveDraft } from "./outbox";

// Typing saves at most this often; leaving the conversation or the page saves at once.
const SAVE_AFTER_MS = 300;

export type DraftHandle = {
  /** The draft saved for this conversation, once read ("" when none); undefined until then. */
  saved: string | undefined;
  /** What the box holds now as far as the draft knows (loaded, typed or put back). */
  latest: () => string;
  save: (body: string) => void;
  /** The message was sent: no draft any more. */
  clear: () => void;
  /**
   * Puts text back in the box (a Not sent message taken back to edit), after anything already
   * typed, and saves it at once; `version` changes so the composer starts again from it.
   */
  putBack: (body: string) => void;
  version: number;
};

/** A conversation's draft: kept across chat switches, reloads and restarts; cleared on send. */
export function useDraft(conversationId: string): DraftHandle {
  const [saved, setSaved] = useState<string>();
  const [version, setVersion] = useState(0);
  const latestBody = useRef("");
  const pending = useRef<{ body: string; timer: ReturnType<typeof setTimeout> } | null>(null);

  useEffect(() => {
    let live = true;
    latestBody.current = "";
    loadDraft(conversationId).then(
      (body) => {
        if (!live) return;
        // Typing that began before the saved draft was read wins (the composer keeps it too).
        if (!latestBody.current) latestBody.current = body;
        setSaved(body);
      },
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
      latestBody.current = body;
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { body, timer: setTimeout(flush, SAVE_AFTER_MS) };
    },
    [flush],
  );

  const clear = useCallback(() => {
    save("");
    flush();
  }, [save, flush]);

  const putBack = useCallback(
    (body: string) => {
      const typed = latestBody.current.trim() ? latestBody.current : "";
      const text = typed ? `${typed}\n${body}` : body;
      save(text);
      flush();
      setSaved(text);
      setVersion((v) => v + 1);
    },
    [save, flush],
  );

  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [flush]);

  const latest = useCallback(() => latestBody.current, []);
  return { saved, latest, save, clear, putBack, version };
}
