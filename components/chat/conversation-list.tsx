"use client";

import { usePathname } from "next/navigation";
import { paths } from "@/lib/core/paths";
import type { ConversationSummary } from "@/lib/core/types";
import { useOutbox, useOutboxSummary } from "@/lib/client/outbox/use-outbox";
import { usePresence, usePresenceAsOf } from "@/lib/client/realtime/presence";
import { ConversationListItem } from "./conversation-list-item";

const PRESENCE_WATCHED = 20;

export function ConversationList({
  conversations,
  meId,
}: {
  conversations: ConversationSummary[];
  meId: string;
}) {
  const pathname = usePathname();
  // Online dots for direct chats: watching a presence channel costs a subscription, so only the
  // most recent ones are watched.
  const direct = conversations.filter((c) => c.kind === "direct").slice(0, PRESENCE_WATCHED);
  const presence = usePresence(direct.map((c) => c.id));
  const asOf = usePresenceAsOf();
  const outbox = useOutboxSummary();
  const { drafts } = useOutbox();
  return (
    <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
      {conversations.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
          No conversations yet. Start one with “New chat”.
        </p>
      ) : null}
      <ul>
        {conversations.map((c) => {
          const other = c.kind === "direct" ? c.members.find((m) => m.id !== meId) : undefined;
          return (
            <li key={c.id}>
              <ConversationListItem
                conversation={c}
                meId={meId}
                active={pathname === paths.conversation(c.id)}
                online={Boolean(other && presence(c.id)?.has(other.id))}
                onlineAsOf={asOf}
                outbox={outbox.get(c.id)}
                draft={drafts[c.id]}
              />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
