"use client";

import type { OutboxSummary } from "@/lib/client/outbox/use-outbox";
import { onlineWords } from "@/lib/client/realtime/presence";
import { previewOf } from "@/lib/core/preview";
import { paths } from "@/lib/core/paths";
import type { ConversationSummary } from "@/lib/core/types";
import { NavLink } from "@/components/ui/nav-link";
import { RelativeTime } from "@/components/ui/relative-time";
import { ConversationAvatar } from "./conversation-avatar";
import { systemText } from "./message/system-line";

function preview(c: ConversationSummary, meId: string) {
  const m = c.lastMessage;
  if (!m) return "No messages yet";
  if (m.system) return systemText(m.system, m.sender, meId);
  const who = m.sender.id === meId ? "You" : c.kind === "direct" ? "" : m.sender.name.split(" ")[0];
  const text = m.deleted ? "This message was deleted" : previewOf(m);
  return who ? `${who}: ${text}` : text;
}

const count = (n: number, what: string) => (n > 0 ? `${n} ${what}` : "");

/** One chat in the list: its last message — or, before it, a draft or what waits in the outbox. */
export function ConversationListItem({
  conversation: c,
  meId,
  active,
  online,
  onlineAsOf = null,
  outbox,
  draft,
}: {
  conversation: ConversationSummary;
  meId: string;
  active: boolean;
  online: boolean;
  /** While my own connection is down: when `online` was last known to be true. */
  onlineAsOf?: string | null;
  outbox?: OutboxSummary;
  draft?: string;
}) {
  const unread = c.unreadCount;
  const waiting = outbox?.waiting ?? 0;
  const notSent = outbox?.notSent ?? 0;
  const label = [
    c.title,
    online ? onlineWords(onlineAsOf) : "",
    count(unread, "unread"),
    count(waiting, "waiting to be sent"),
    count(notSent, "not sent"),
    draft ? "draft" : "",
  ];
  return (
    <NavLink
      href={paths.conversation(c.id)}
      aria-current={active ? "page" : undefined}
      aria-label={label.filter(Boolean).join(", ")}
      className={`focus-visible:outline-brand-500 flex items-center gap-3 px-3 py-2.5 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 dark:hover:bg-slate-800/70 dark:focus-visible:bg-slate-800 ${
        active ? "bg-brand-50 dark:bg-slate-800" : ""
      }`}
    >
      <span className="relative">
        <ConversationAvatar conversation={c} meId={meId} />
        {online ? (
          // Hollow while it's only the last known state (my own connection is down).
          <span
            data-testid="online-dot"
            data-stale={onlineAsOf ? true : undefined}
            className={`absolute right-0 bottom-0 h-3 w-3 rounded-full border-2 ${
              onlineAsOf
                ? "border-emerald-600 bg-white dark:bg-slate-950"
                : "border-white bg-emerald-500 dark:border-slate-950"
            }`}
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
            data-testid="conversation-preview"
            className={`truncate text-sm ${unread ? "text-slate-800 dark:text-slate-200" : "text-slate-600 dark:text-slate-400"}`}
          >
            {draft ? (
              <>
                <span className="font-medium text-red-700 dark:text-red-400">Draft:</span> {draft}
              </>
            ) : outbox?.last !== undefined ? (
              `You: ${outbox.last}`
            ) : (
              preview(c, meId)
            )}
          </span>
          {notSent > 0 ? (
            <span aria-hidden="true" className="shrink-0 text-xs font-medium text-red-700 dark:text-red-400">
              ⚠ {notSent} not sent
            </span>
          ) : waiting > 0 ? (
            <span aria-hidden="true" className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
              🕓 Sending… {waiting}
            </span>
          ) : null}
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
    </NavLink>
  );
}
