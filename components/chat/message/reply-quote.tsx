"use client";

import type { Quote } from "@/lib/core/types";
import { useMessageActionsContext } from "./message-actions-context";

/** The message a reply answers: who and its first line; a click scrolls to it (loading older if needed). */
export function ReplyQuote({ quote, mine }: { quote: Quote; mine: boolean }) {
  const { jumpTo } = useMessageActionsContext();
  return (
    <button
      type="button"
      data-testid="reply-quote"
      onClick={() => jumpTo(quote.seq)}
      className={`mb-1 block w-full max-w-full rounded-lg border-l-4 px-2 py-1 text-left text-xs ${
        mine
          ? "border-white/70 bg-white/15 text-white"
          : "border-brand-500 bg-white/70 text-slate-700 dark:bg-slate-900/50 dark:text-slate-200"
      }`}
    >
      <span className="block font-semibold">{quote.sender.name}</span>
      <span className={`line-clamp-1 break-all ${quote.deleted ? "italic" : ""}`}>
        {quote.deleted ? "This message was deleted" : quote.text}
      </span>
      <span className="sr-only">(go to the quoted message)</span>
    </button>
  );
}
