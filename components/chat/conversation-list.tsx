"use client";

import { usePathname } from "next/navigation";
import { directPeer } from "@/lib/core/direct-peer";
import { paths } from "@/lib/core/paths";
import type { ConversationSummary } from "@/lib/core/types";
import { useOutbox, useOutboxSummary } from "@/lib/client/outbox/use-outbox";
import { useRealtime } from "@/lib/client/realtime/use-channel";
import { refreshWatchlist, useOnline } from "@/lib/client/realtime/watchlist";
import { usePresenceAsOf } from "@/lib/client/realtime/presence";
import { ConversationListItem } from "./conversation-list-item";
import { openSearch } from "@/lib/client/search/open-search";
import { SearchIcon } from "./search/search-icon";

export function ConversationList({
  conversations,
  meId,
}: {
  conversations: ConversationSummary[];
  meId: string;
}) {
  const pathname = usePathname();
  // Online dots for direct chats, from the connection's watchlist (its 100 most recent peers).
  const peers = conversations.flatMap((c) => directPeer(c, meId)?.id ?? []);
  const { isOnline } = useOnline();
  // Offline myself: the dots freeze at the last known state, marked as such.
  const asOf = usePresenceAsOf();
  const watched = peers.slice(0, 100).join(",");
  // A chat started after this connection signed in: its peer may be missing from the watchlist.
  useRealtime(`watchlist:${watched}`, (pusher) => {
    if (watched) refreshWatchlist(pusher, watched.split(","));
    return () => {};
  });
  const outbox = useOutboxSummary();
  const { drafts } = useOutbox();
  return (
    <>
      <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <button
          type="button"
          aria-label="Search chats and messages"
          onClick={() => openSearch()}
          className="flex w-full items-center gap-2 rounded-full bg-slate-100 px-3 py-1.5 text-sm text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        >
          <SearchIcon />
          Search
        </button>
      </div>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
        {conversations.length === 0 ? (
          <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
            No conversations yet. Start one with “New chat”.
          </p>
        ) : null}
        <ul>
          {conversations.map((c) => {
            const other = directPeer(c, meId);
            return (
              <li key={c.id}>
                <ConversationListItem
                  conversation={c}
                  meId={meId}
                  active={pathname === paths.conversation(c.id)}
                  online={Boolean(other && isOnline(other.id))}
                  onlineAsOf={asOf}
                  outbox={outbox.get(c.id)}
                  draft={drafts[c.id]}
                />
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
