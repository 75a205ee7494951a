"use client";
// What the composer is doing besides writing a new message: replying (a quote above it) or
// editing one of mine (its text in the box). Cancel, or Escape in the box, goes back.
import type { Quote } from "@/lib/core/types";

export type ComposerMode =
  { kind: "reply"; quote: Quote } | { kind: "edit"; seq: number; body: string } | null;

export function ComposerModeBanner({ mode, onCancel }: { mode: ComposerMode; onCancel: () => void }) {
  if (!mode) return null;
  return (
    <div
      data-testid="composer-mode"
      className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="border-brand-500 min-w-0 flex-1 border-l-4 pl-2">
        <p className="text-brand-700 dark:text-brand-100 text-xs font-semibold">
          {mode.kind === "reply" ? `Replying to ${mode.quote.sender.name}` : "Editing message"}
        </p>
        <p className="truncate text-slate-600 dark:text-slate-300">
          {mode.kind === "reply" ? mode.quote.text : mode.body}
        </p>
      </div>
      <button
        type="button"
        onClick={onCancel}
        aria-label={mode.kind === "reply" ? "Cancel reply" : "Cancel editing"}
        className="rounded-full p-1.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800"
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="M2 2l10 10M12 2L2 12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}

/** A message as a reply quotes it before the server does: its first line. */
export function quoteOf(message: { seq: number; sender: Quote["sender"]; body: string }): Quote {
  return {
    seq: message.seq,
    sender: message.sender,
    text: message.body.split("\n")[0] ?? "",
    deleted: false,
  };
}
