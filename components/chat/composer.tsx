"use client";

import { lazy, Suspense, useRef, useState } from "react";
import { MESSAGE_MAX_CHARS } from "@/lib/core/validations/limits";
import type { PickedFile } from "@/lib/client/attachments/picked";
import type { PickedFiles } from "@/lib/client/attachments/use-picked-files";
import { AttachButton } from "./attachments/attach-button";

// Shown once a file is picked (which loads the picking code anyway).
const PickedTray = lazy(() => import("./attachments/picked-tray").then((m) => ({ default: m.PickedTray })));

export function Composer({
  onSend,
  onTyping,
  picked,
}: {
  onSend: (body: string, files: PickedFile[]) => void;
  onTyping?: () => void;
  /** Files waiting to go with the next message (the conversation also takes drops). */
  picked: PickedFiles;
}) {
  const [body, setBody] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const empty = body.trim().length === 0 && picked.files.length === 0;
  const tooLong = [...body].length > MESSAGE_MAX_CHARS;

  const submit = () => {
    if (empty || tooLong) return;
    // With files the text is their caption; spaces alone are no caption.
    onSend(body.trim() ? body : "", picked.take());
    setBody("");
    input.current?.focus();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
    >
      {picked.files.length > 0 ? (
        <Suspense fallback={null}>
          <PickedTray files={picked.files} onRemove={picked.remove} />
        </Suspense>
      ) : null}
      <div className="flex items-end gap-2 p-3">
        <AttachButton onFiles={(files) => void picked.add(files)} />
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          ref={input}
          value={body}
          rows={1}
          placeholder={picked.files.length > 0 ? "Add a caption…" : "Write a message…"}
          aria-describedby={tooLong ? "composer-error" : undefined}
          aria-invalid={tooLong || undefined}
          onChange={(e) => {
            setBody(e.target.value);
            if (e.target.value.trim()) onTyping?.();
          }}
          onPaste={(e) => {
            // A pasted picture (a screenshot) or file is attached; pasted text stays text.
            const files = [...e.clipboardData.files];
            if (files.length === 0) return;
            e.preventDefault();
            void picked.add(files);
          }}
          onKeyDown={(e) => {
            // Enter sends; Shift+Enter (and composing IME text) inserts a newline.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          className="focus:border-brand-500 focus:ring-brand-500/30 field-sizing-content max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-slate-300 bg-white px-4 py-2 text-[15px] outline-none focus:ring-2 dark:border-slate-700 dark:bg-slate-900"
        />
        <button
          type="submit"
          disabled={empty || tooLong}
          className="bg-brand-600 hover:bg-brand-700 focus-visible:outline-brand-500 h-10 rounded-full px-4 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-50"
        >
          Send
        </button>
      </div>
      {tooLong ? (
        <p id="composer-error" role="alert" className="sr-only">
          A message is at most {MESSAGE_MAX_CHARS} characters
        </p>
      ) : null}
    </form>
  );
}
