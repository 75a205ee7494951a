"use client";

import { lazy, Suspense, useState } from "react";
import type { ConversationSummary } from "@/lib/core/types";
import { NavLink } from "@/components/ui/nav-link";
import { ConversationAvatar } from "./conversation-avatar";
import { openSearch } from "@/lib/client/search/open-search";
import { SearchIcon } from "./search/search-icon";

// Loads when first opened (React.lazy: rendered only after a click, so no server rendering).
const GroupDialog = lazy(() => import("./group/group-dialog"));

/** The open conversation's title bar: back (on phones), who it is with, and a group's details. */
export function ConversationHeader({
  conversation,
  meId,
  subtitle,
}: {
  conversation: ConversationSummary;
  meId: string;
  subtitle: string;
}) {
  const [groupOpen, setGroupOpen] = useState(false);
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
      <NavLink
        href="/conversations"
        className="rounded-full p-2 text-slate-600 hover:bg-slate-100 md:hidden dark:text-slate-300 dark:hover:bg-slate-800"
        aria-label="Back to conversations"
      >
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
          <path
            d="M12.5 4l-6 6 6 6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </NavLink>
      <ConversationAvatar conversation={conversation} meId={meId} />
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-semibold">{conversation.title}</h1>
        <p
          data-testid="conversation-subtitle"
          className="truncate text-xs text-slate-500 dark:text-slate-400"
        >
          {subtitle}
        </p>
      </div>
      <button
        type="button"
        aria-label="Search in this chat"
        onClick={() => openSearch(conversation)}
        className="rounded-full p-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <SearchIcon />
      </button>
      {conversation.kind === "group" && conversation.role !== null ? (
        <button
          type="button"
          onClick={() => setGroupOpen(true)}
          className="rounded-lg px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Group info
        </button>
      ) : null}
      {groupOpen ? (
        <Suspense fallback={null}>
          <GroupDialog conversation={conversation} onClose={() => setGroupOpen(false)} />
        </Suspense>
      ) : null}
    </header>
  );
}
