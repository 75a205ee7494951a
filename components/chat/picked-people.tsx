"use client";

import type { User } from "@/lib/core/types";

/** New chat's picks as removable chips (they stay while the search changes), and what they make. */
export function PickedPeople({ picked, onRemove }: { picked: User[]; onRemove: (u: User) => void }) {
  const kind =
    picked.length === 0
      ? "Pick one person for a direct chat, or several for a group."
      : picked.length === 1
        ? `A direct chat with ${picked[0]!.name}.`
        : `A group of you and ${picked.length} others: name it below.`;
  return (
    <div className="space-y-2">
      {picked.length > 0 ? (
        <div className="space-y-1">
          <p id="picked-count" className="text-xs font-medium text-slate-600 dark:text-slate-400">
            {picked.length} picked
          </p>
          <ul aria-labelledby="picked-count" className="flex flex-wrap gap-1.5">
            {picked.map((u) => (
              <li
                key={u.id}
                className="bg-brand-50 inline-flex max-w-full items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100"
              >
                <span className="truncate">{u.name}</span>
                <button
                  type="button"
                  onClick={() => onRemove(u)}
                  aria-label={`Remove ${u.name}`}
                  className="focus-visible:outline-brand-500 rounded-full px-1.5 leading-5 hover:bg-slate-200 focus-visible:outline-2 dark:hover:bg-slate-700"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p
        data-testid="new-chat-kind"
        aria-live="polite"
        className="text-xs text-slate-600 dark:text-slate-400"
      >
        {kind}
      </p>
    </div>
  );
}
