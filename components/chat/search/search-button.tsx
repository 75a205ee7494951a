"use client";

import { lazy, Suspense, useState, type ReactNode } from "react";
import type { ConversationSummary } from "@/lib/core/types";

// The search dialog loads on the first click: the conversation page's first JavaScript carries
// only this button.
const SearchDialog = lazy(() => import("./search-dialog"));

/** Opens search: in one conversation (`conversationId`), or in every chat. */
export function SearchButton({
  label,
  conversations,
  conversationId,
  className,
  children,
}: {
  label: string;
  conversations: ConversationSummary[];
  conversationId?: string;
  className: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-label={label} onClick={() => setOpen(true)} className={className}>
        {children}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <SearchDialog
            conversations={conversations}
            conversationId={conversationId}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/** A magnifying glass. */
export function SearchIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">
      <path
        d="M8.5 3a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M13 13l4.5 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
    </svg>
  );
}
