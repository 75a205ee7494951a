"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { previewOf } from "@/lib/core/attachments";
import type { ConversationSummary } from "@/lib/core/types";
import { usePresence } from "@/lib/client/realtime/presence";
import { RelativeTime } from "@/components/ui/relative-time";
import { ConversationAvatar } from "./conversation-avatar";

const PRESENCE_WATCHED = 20;

function preview(c: ConversationSummary, meId: string) {
  const m = c.lastMessage;
  if (!m) return "No messages yet";
  const who = m.sender.id === meId ? "You" : c.kind === "direct" ? "" : m.sender.name.split(" ")[0];
  const text = previewOf(m);
  return who ? `${who}: ${text}` : text;
}

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
  return (
    <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
      {conversations.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
          No conversations yet. Start one with “New chat”.
        </p>
      ) : null}
      <ul>
        {conversations.map((c) => {
          const href = `/conversations/${c.id}`;
          const active = pathname === href;
          const unread = c.unreadCount;
          const other = c.kind === "direct" ? c.members.find((m) => m.id !== meId) : undefined;
          const isOnline = Boolean(other && presence(c.id)?.has(other.id));
          return (
            <li key={c.id}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                aria-label={[c.title, isOnline ? "online" : "", unread > 0 ? `${unread} unread` : ""]
                  .filter(Boolean)
                  .join(", ")}
                className={`focus-visible:outline-brand-500 flex items-center gap-3 px-3 py-2.5 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 dark:hover:bg-slate-800/70 dark:focus-visible:bg-slate-800 ${
                  active ? "bg-brand-50 dark:bg-slate-800" : ""
                }`}
              >
                <span className="relative">
                  <ConversationAvatar conversation={c} meId={meId} />
                  {isOnline ? (
                    <span
                      data-testid="online-dot"
                      className="absolute right-0 bottom-0 h-3 w-3 rounded-full border-2 border-white bg-emerald-500 dark:border-slate-950"
                    />
                  ) : null}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className={`truncate ${unread ? "font-semibold" : "font-medium"}`}>{c.title}</span>
                    <span className="shrink-0 text-[11px] text-slate-600 dark:text-slate-400">
                      {c.kind === "lobby" ? "everyone" : c.kind === "group" ? "group" : null}
                      {c.kind !== "direct" && c.lastMessage ? " · " : null}
                      {c.lastMessage ? <RelativeTime iso={c.lastMessage.createdAt} style="short" /> : null}
                    </span>
                  </span>
                  <span className="flex items-center justify-between gap-2">
                    <span
                      className={`truncate text-sm ${unread ? "text-slate-800 dark:text-slate-200" : "text-slate-600 dark:text-slate-400"}`}
                    >
                      {preview(c, meId)}
                    </span>
                    {unread > 0 ? (
                      <span
                        aria-hidden="true"
                        className="bg-brand-600 min-w-5 shrink-0 rounded-full px-1.5 text-center text-xs leading-5 font-semibold text-white"
                      >
                        {unread > 99 ? "99+" : unread}
                      </span>
                    ) : null}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
