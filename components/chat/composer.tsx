"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { PickedFile } from "@/lib/client/attachments/picked";
import type { PickedFiles } from "@/lib/client/attachments/use-picked-files";
import type { DraftHandle } from "@/lib/client/outbox/use-draft";
import { toast } from "@/lib/client/toast";
import { MESSAGE_MAX_CHARS } from "@/lib/core/validations/limits";
import { AttachButton } from "./attachments/attach-button";
import { LengthNote, LENGTH_NOTE_ID } from "./length-note";

// Shown once a file is picked (which loads the picking code anyway).
const PickedTray = lazy(() => import("./attachments/picked-tray").then((m) => ({ default: m.PickedTray })));

export function Composer({
  onSend,
  onTyping,
  picked,
  draft,
  initialBody = "",
  editing = false,
  onCancel,
}: {
  /** Resolves once the message is kept (the outbox); a rejection gives the text and files back. */
  onSend: (body: string, files: PickedFile[]) => Promise<unknown>;
  onTyping?: () => void;
  /** Files waiting to go with the next message (the conversation also takes drops); not while editing. */
  picked?: PickedFiles;
  /** Not while editing: the draft is what was being written before. */
  draft?: DraftHandle;
  /** Editing a message: its text to start from (the composer is keyed per mode). */
  initialBody?: string;
  editing?: boolean;
  /** Escape leaves replying or editing. */
  onCancel?: () => void;
}) {
  // Started again (after editing a sent message, or a Not sent one put back): the draft's latest.
  const [body, setBody] = useState(() => initialBody || draft?.latest() || "");
  const input = useRef<HTMLTextAreaElement>(null);
  const touched = useRef(body !== "");
  const files = picked?.files ?? [];
  const empty = body.trim().length === 0 && files.length === 0;
  // Files picked but still being checked: Send waits for them (usePickedFiles says why).
  const attaching = picked?.adding ?? false;
  const length = [...body].length;
  const tooLong = length > MESSAGE_MAX_CHARS;

  // The saved draft arrives a moment after the composer: it fills it unless typing has begun.
  const saved = draft?.saved;
  useEffect(() => {
    if (saved && !touched.current) setBody(saved);
  }, [saved]);

  const change = (value: string) => {
    touched.current = true;
    setBody(value);
    draft?.save(value);
  };

  const submit = () => {
    if (empty || tooLong || attaching) return;
    const sent = body;
    // The outbox keeps the files themselves now (the message's previews come from there).
    const taken = files;
    picked?.setFiles([]);
    setBody("");
    draft?.clear();
    input.current?.focus();
    // With files the text is their caption; spaces alone are no caption.
    onSend(sent.trim() ? sent : "", taken).catch(() => {
      // Not kept on this device (storage refused): nothing typed or picked may vanish.
      setBody((current) => current || sent);
      draft?.save(sent);
      picked?.setFiles((current) => [...taken, ...current]);
      toast(
        navigator.onLine
          ? "Couldn't keep your message on this device, so it wasn't sent. Try again."
          : // The outbox's code never loaded before the network went: nothing can hold it yet.
            "You're offline and this page isn't ready to keep messages yet. Send it again once you're back online.",
      );
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
    >
      {files.length > 0 && picked ? (
        <Suspense fallback={null}>
          <PickedTray
            files={files}
            onRemove={(id) => picked.setFiles((current) => current.filter((f) => f.id !== id))}
          />
        </Suspense>
      ) : null}
      <div className="flex items-end gap-2 p-3">
        {picked ? <AttachButton onFiles={(added) => void picked.add(added)} /> : null}
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          ref={input}
          value={body}
          rows={1}
          placeholder={files.length > 0 ? "Add a caption…" : "Write a message…"}
          aria-describedby={tooLong ? LENGTH_NOTE_ID : undefined}
          aria-invalid={tooLong || undefined}
          onChange={(e) => {
            change(e.target.value);
            if (e.target.value.trim()) onTyping?.();
          }}
          onPaste={(e) => {
            // A pasted picture (a screenshot) or file is attached; pasted text stays text.
            const pasted = [...e.clipboardData.files];
            if (pasted.length === 0 || !picked) return;
            e.preventDefault();
            void picked.add(pasted);
          }}
          onKeyDown={(e) => {
            // Enter sends; Shift+Enter (and composing IME text) inserts a newline.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape" && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
          className="focus:border-brand-500 focus:ring-brand-500/30 field-sizing-content max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-slate-300 bg-white px-4 py-2 text-[15px] outline-none focus:ring-2 dark:border-slate-700 dark:bg-slate-900"
        />
        <button
          type="submit"
          disabled={empty || tooLong || attaching}
          aria-busy={attaching || undefined}
          aria-describedby={tooLong ? LENGTH_NOTE_ID : undefined}
          className="bg-brand-600 hover:bg-brand-700 focus-visible:outline-brand-500 h-10 rounded-full px-4 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-50"
        >
          {editing ? "Save" : "Send"}
        </button>
      </div>
      <LengthNote length={length} />
    </form>
  );
}
