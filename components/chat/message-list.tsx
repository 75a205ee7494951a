"use client";

import { Fragment, useLayoutEffect, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/chat/client/merge";
import { useReadTracker } from "@/lib/chat/client/use-read-tracker";
import type { ConversationKind } from "@/lib/chat/status";
import type { MemberState } from "@/lib/chat/types";
import { MessageItem } from "./message-item";

const day = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const GROUP_GAP_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 120;

export function MessageList({
  messages,
  members,
  meId,
  kind,
  hasMore,
  onLoadOlder,
  onRetry,
  onSeen,
}: {
  messages: ClientMessage[];
  members: MemberState[];
  meId: string;
  kind: ConversationKind;
  hasMore: boolean;
  onLoadOlder: () => Promise<void>;
  onRetry: (clientId: string) => void;
  onSeen: (seq: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const stick = useRef(true);
  const prevHeight = useRef<number | null>(null);

  useReadTracker(scroller, onSeen, [messages]);

  // Keep the view pinned to the newest message while the reader is at the bottom, and keep the
  // reader's place when older messages are prepended above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (prevHeight.current !== null) {
      el.scrollTop += el.scrollHeight - prevHeight.current;
      prevHeight.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);

  const loadOlder = async () => {
    const el = scroller.current;
    setLoadingOlder(true);
    prevHeight.current = el ? el.scrollHeight : null;
    try {
      await onLoadOlder();
    } catch {
      prevHeight.current = null;
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain py-3"
    >
      {hasMore ? (
        <div className="flex justify-center py-2">
          <button
            type="button"
            onClick={() => void loadOlder()}
            disabled={loadingOlder}
            className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-600 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            {loadingOlder ? "Loading…" : "Load older messages"}
          </button>
        </div>
      ) : null}
      {messages.length === 0 ? (
        <p className="px-4 py-16 text-center text-sm text-slate-500 dark:text-slate-400">
          No messages yet. Say hello!
        </p>
      ) : null}
      <ol aria-label="Messages" className="flex flex-col">
        {messages.map((m, i) => {
          const prev = messages[i - 1];
          const created = new Date(m.createdAt);
          const newDay = !prev || new Date(prev.createdAt).toDateString() !== created.toDateString();
          const showSender =
            newDay ||
            prev?.sender.id !== m.sender.id ||
            created.getTime() - new Date(prev.createdAt).getTime() > GROUP_GAP_MS;
          return (
            <Fragment key={m.local ? `local-${m.clientId}` : m.id}>
              {newDay ? (
                <li
                  role="separator"
                  className="my-3 flex items-center gap-3 px-4 text-xs text-slate-500 dark:text-slate-400"
                >
                  <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
                  {day.format(created)}
                  <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
                </li>
              ) : null}
              <MessageItem
                message={m}
                mine={m.sender.id === meId}
                showSender={showSender}
                members={members}
                kind={kind}
                onRetry={onRetry}
              />
            </Fragment>
          );
        })}
      </ol>
    </div>
  );
}
