"use client";

import { useRef } from "react";
import { ACCEPT } from "@/lib/core/accept";
import { toast } from "@/lib/client/toast";
import { useChat } from "@/lib/client/chat-context";
import { preloadPicking } from "@/lib/client/attachments/use-picked-files";

/**
 * The paperclip. With attachments off it stays focusable and says why: its description (the
 * title) and a toast on use.
 */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { storage } = useChat();
  const input = useRef<HTMLInputElement>(null);
  // Picking files will need the checking code: a hover or focus starts loading it.
  const preload = storage.enabled ? preloadPicking : undefined;
  return (
    <>
      <button
        type="button"
        aria-label="Attach files"
        aria-disabled={!storage.enabled || undefined}
        title={storage.enabled ? "Attach pictures or files" : storage.reason}
        onClick={() => (storage.enabled ? input.current?.click() : toast(storage.reason))}
        onPointerEnter={preload}
        onFocus={preload}
        className="focus-visible:outline-brand-500 grid h-10 w-10 shrink-0 place-items-center rounded-full text-slate-600 hover:bg-slate-100 focus-visible:outline-2 aria-disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
          <path
            d="M13.5 6.5l-6 6a1.8 1.8 0 002.5 2.5l6.5-6.5a3.5 3.5 0 00-5-5L5 10a5 5 0 007 7l5-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          // The same file may be picked again later.
          e.target.value = "";
        }}
      />
    </>
  );
}
