"use client";

import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { toast } from "@/lib/client/toast";
import { useReadTracker } from "@/lib/client/conversation/use-read-tracker";
import type { ConversationKind } from "@/lib/core/status";
import type { MemberState } from "@/lib/core/types";
import { MessageItem } from "./message-item";
import { BubbleSkeletons } from "./skeletons";

const day = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const GROUP_GAP_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 120;
// Opening a long conversation loads older pages until the first unread message is in view.
const MAX_MESSAGES_TO_FIRST_UNREAD = 200;
const ignore = () => {};

export function MessageList({
  messages,
  members,
  meId,
  conversationId,
  kind,
  hasOlder,
  unreadFrom,
  onLoadOlder,
  onRetry,
  onSeen,
}: {
  messages: ClientMessage[];
  members: MemberState[];
  meId: string;
  conversationId: string;
  kind: ConversationKind;
  hasOlder: boolean;
  unreadFrom: number | null;
  onLoadOlder: () => Promise<void>;
  onRetry: (clientId: string) => void;
  onSeen: (seq: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const divider = useRef<HTMLLIElement>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const olderButton = useRef<HTMLButtonElement>(null);
  const refocusOlder = useRef(false);
  const [atBottom, setAtBottom] = useState(true);
  const stick = useRef(true);
  const anchor = useRef<{ seq: string; top: number } | null>(null);
  const landed = useRef(false);

  // The first unread message is older than the latest page: fetch back to it (bounded) before
  // positioning the view or counting anything as seen.
  const loadingToUnread = useRef(false);
  const [unreadOutOfReach, setUnreadOutOfReach] = useState(false);
  const first = messages.find((m) => !m.local);
  const last = messages.findLast((m) => !m.local);
  const waitingForUnread =
    !unreadOutOfReach &&
    unreadFrom !== null &&
    hasOlder &&
    first !== undefined &&
    last !== undefined &&
    first.seq > unreadFrom &&
    last.seq - first.seq < MAX_MESSAGES_TO_FIRST_UNREAD;

  useReadTracker(scroller, waitingForUnread ? ignore : onSeen, [messages, waitingForUnread]);

  // Keep the view pinned to the newest message while the reader is at the bottom, and keep the
  // reader's place when older messages are prepended above. On opening, land at "New messages".
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || waitingForUnread) return;
    if (anchor.current && first && String(first.seq) !== anchor.current.seq) {
      // Older messages arrived above: put the message that was on top back exactly where the
      // reader saw it. (Other updates meanwhile, e.g. a catch-up below, leave the anchor waiting.)
      const node = el.querySelector<HTMLElement>(`[data-seq="${anchor.current.seq}"]`);
      if (node) el.scrollTop += node.getBoundingClientRect().top - anchor.current.top;
      anchor.current = null;
    } else if (!landed.current) {
      landed.current = true;
      // At "New messages"; or, when the first unread is further back than we load, at the oldest
      // loaded (all unread); or, with nothing unread, at the newest.
      const target = divider.current
        ? divider.current.offsetTop - 48
        : unreadFrom !== null && first && first.seq > unreadFrom
          ? 0
          : el.scrollHeight;
      el.scrollTop = Math.max(0, target);
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      setAtBottom(stick.current);
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, waitingForUnread, unreadFrom, first]);

  useEffect(() => {
    if (!waitingForUnread || loadingToUnread.current) return;
    loadingToUnread.current = true;
    void onLoadOlder()
      .catch(() => {
        // Show what we have rather than wait for ever.
        toast("Couldn't load earlier messages.");
        setUnreadOutOfReach(true);
      })
      .finally(() => {
        loadingToUnread.current = false;
      });
  }, [waitingForUnread, messages, onLoadOlder]);

  // The button gives way to a skeleton while loading: give its focus back afterwards.
  useEffect(() => {
    if (loadingOlder || !refocusOlder.current) return;
    refocusOlder.current = false;
    olderButton.current?.focus({ preventScroll: true });
  }, [loadingOlder]);

  const loadOlder = async () => {
    const top = scroller.current?.querySelector<HTMLElement>("[data-seq]");
    refocusOlder.current = document.activeElement === olderButton.current;
    setLoadingOlder(true);
    anchor.current = top ? { seq: top.dataset.seq!, top: top.getBoundingClientRect().top } : null;
    try {
      await onLoadOlder();
    } catch {
      anchor.current = null;
      toast("Couldn't load older messages. Try again.");
    } finally {
      setLoadingOlder(false);
    }
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    if (!el) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollTo({ top: el.scrollHeight, behavior: reduce ? "auto" : "smooth" });
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* Focusable, so the history scrolls from the keyboard (and the skip link lands here). */}
      <div
        ref={scroller}
        id="messages"
        role="region"
        aria-label="Message history"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
          setAtBottom(stick.current);
        }}
        className="focus-visible:outline-brand-500 min-h-0 flex-1 overflow-y-auto overscroll-contain py-3 focus-visible:outline-2 focus-visible:-outline-offset-2"
      >
        {/* One fixed height for the button and the skeleton that replaces it: nothing shifts. */}
        {hasOlder ? (
          <div className="flex h-12 items-center justify-center">
            {loadingOlder || waitingForUnread ? (
              <div role="status" className="w-full overflow-hidden">
                <span className="sr-only">Loading older messages…</span>
                <BubbleSkeletons count={1} />
              </div>
            ) : (
              <button
                ref={olderButton}
                type="button"
                onClick={() => void loadOlder()}
                className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
              >
                Load older messages
              </button>
            )}
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
            const unreadStart = !m.local && m.seq === unreadFrom;
            const showSender =
              newDay ||
              unreadStart ||
              prev?.sender.id !== m.sender.id ||
              created.getTime() - new Date(prev.createdAt).getTime() > GROUP_GAP_MS;
            return (
              <Fragment key={m.local ? `local-${m.clientId}` : m.id}>
                {newDay ? (
                  <li className="my-3 flex items-center gap-3 px-4 text-xs text-slate-500 dark:text-slate-400">
                    <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
                    {day.format(created)}
                    <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
                  </li>
                ) : null}
                {unreadStart ? (
                  // A list holds only items: the separator sits inside one.
                  <li ref={divider}>
                    <div
                      role="separator"
                      aria-label="New messages"
                      className="text-brand-600 dark:text-brand-100 my-2 flex items-center gap-3 px-4 text-xs font-semibold"
                    >
                      <span className="bg-brand-500/60 h-px flex-1" />
                      New messages
                      <span className="bg-brand-500/60 h-px flex-1" />
                    </div>
                  </li>
                ) : null}
                <MessageItem
                  message={m}
                  mine={m.sender.id === meId}
                  showSender={showSender}
                  members={members}
                  conversationId={conversationId}
                  kind={kind}
                  onRetry={onRetry}
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
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
