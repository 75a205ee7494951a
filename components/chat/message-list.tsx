"use client";

import { Fragment } from "react";
import type { ConversationKind } from "@/lib/core/status";
import type { User } from "@/lib/core/types";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { useHistoryScroll } from "@/lib/client/conversation/use-history-scroll";
import { useReadTracker } from "@/lib/client/conversation/use-read-tracker";
import { MessageItem } from "./message-item";
import { OlderMessages } from "./older-messages";
import { DaySeparator, UnreadDivider } from "./timeline-markers";

const GROUP_GAP_MS = 5 * 60_000;
const ignore = () => {};

export function MessageList({
  messages,
  meId,
  conversationId,
  kind,
  peer,
  hasOlder,
  unreadFrom,
  onLoadOlder,
  onRetry,
  onDiscard,
  onEditFailed,
  onSeen,
}: {
  messages: ClientMessage[];
  meId: string;
  conversationId: string;
  kind: ConversationKind;
  /** A direct chat's other member. */
  peer?: User;
  hasOlder: boolean;
  unreadFrom: number | null;
  onLoadOlder: () => Promise<void>;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onEditFailed?: (message: ClientMessage) => void;
  onSeen: (seq: number, editsSeen: number[]) => void;
}) {
  const { scroller, divider, atBottom, newBelow, waitingForUnread, loadOlder, jumpToLatest, onScroll } =
    useHistoryScroll({ messages, hasOlder, unreadFrom, onLoadOlder });
  // Nothing counts as seen until the view has landed where the reader starts.
  useReadTracker(scroller, waitingForUnread ? ignore : onSeen, [messages, waitingForUnread]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* Focusable, so the history scrolls from the keyboard (and the skip link lands here). */}
      <div
        ref={scroller}
        id="messages"
        role="region"
        aria-label="Message history"
        tabIndex={0}
        onScroll={(e) => onScroll(e.currentTarget)}
        className="focus-visible:outline-brand-500 min-h-0 flex-1 overflow-y-auto overscroll-contain py-3 focus-visible:outline-2 focus-visible:-outline-offset-2"
      >
        {hasOlder ? <OlderMessages busy={waitingForUnread} onLoad={loadOlder} /> : null}
        {messages.length === 0 ? (
          <p className="px-4 py-16 text-center text-sm text-slate-500 dark:text-slate-400">
            No messages yet. Say hello!
          </p>
        ) : null}
        <ol aria-label="Messages" className="flex flex-col">
          {messages.map((m, i) => {
            const prev = messages[i - 1];
            const next = messages[i + 1];
            const created = new Date(m.createdAt);
            const newDay = !prev || new Date(prev.createdAt).toDateString() !== created.toDateString();
            const unreadStart = !m.local && m.seq === unreadFrom;
            const showSender =
              newDay ||
              unreadStart ||
              prev?.sender.id !== m.sender.id ||
              created.getTime() - new Date(prev.createdAt).getTime() > GROUP_GAP_MS;
            return (
              <Fragment key={m.local ? `local-${m.clientId}` : m.id}>
                {newDay ? <DaySeparator date={created} /> : null}
                {unreadStart ? <UnreadDivider ref={divider} /> : null}
                <MessageItem
                  message={m}
                  mine={m.sender.id === meId}
                  meId={meId}
                  showSender={showSender}
                  conversationId={conversationId}
                  kind={kind}
                  peer={peer}
                  onRetry={onRetry}
                  onDiscard={onDiscard}
                  onEditFailed={onEditFailed}
                  // Only the last of a run of mine shows its status: the ones before are as far or further.
                  quiet={
                    m.sender.id === meId &&
                    next !== undefined &&
                    !next.system &&
                    next.sender.id === meId &&
                    new Date(next.createdAt).toDateString() === created.toDateString()
                  }
                />
              </Fragment>
            );
          })}
        </ol>
      </div>
      {atBottom ? null : (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute right-4 bottom-3 rounded-full bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-md ring-1 ring-slate-200 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-700"
        >
          Jump to latest ↓{newBelow > 0 ? ` (${newBelow} new)` : ""}
        </button>
      )}
    </div>
  );
}
