"use client";

import { isMine } from "@/lib/client/conversation/my-reactions";
import type { ReactionSummary } from "@/lib/core/types";
import { useMessageActionsContext } from "./message-actions-context";

const whoReacted = (r: ReactionSummary) => {
  const shown = r.users.map((u) => u.name);
  const more = r.count - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
};

/** A message's reactions: one chip per emoji with its count; who reacted on hover and focus; a click toggles mine. */
export function ReactionsBar({
  seq,
  reactions,
  meId,
  mine,
}: {
  seq: number;
  reactions: ReactionSummary[];
  meId: string;
  mine: boolean;
}) {
  const { react, canAct } = useMessageActionsContext();
  return (
    <ul aria-label="Reactions" className={`mt-1 flex flex-wrap gap-1 ${mine ? "justify-end" : ""}`}>
      {reactions.map((r) => {
        const byMe = isMine(r, meId);
        const who = whoReacted(r);
        return (
          <li key={r.emoji} className="group relative">
            <button
              type="button"
              data-testid="reaction"
              aria-pressed={byMe}
              disabled={!canAct}
              aria-label={`${r.emoji} ${r.count}: ${who}`}
              onClick={() => react(seq, r.emoji)}
              className={`rounded-full border px-2 py-0.5 text-xs ${
                byMe
                  ? "border-brand-500 bg-brand-50 text-slate-900 dark:bg-slate-700 dark:text-white"
                  : "border-slate-200 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
              }`}
            >
              <span aria-hidden="true">{r.emoji}</span> {r.count}
            </button>
            <span
              role="tooltip"
              className="pointer-events-none absolute bottom-full left-0 z-10 mb-1 hidden w-max max-w-56 rounded bg-slate-900 px-2 py-1 text-xs text-white group-focus-within:block group-hover:block"
            >
              {who}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
