"use client";
// Where the history is scrolled, as a reader expects: opening lands at "New messages" (loading
// older pages back to it, bounded), new messages keep the view pinned while the reader is at the
// bottom, and "Load older" keeps the message that was on top exactly where it was.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { toast } from "@/lib/client/toast";
import type { ClientMessage } from "./merge";

const NEAR_BOTTOM_PX = 120;
// Opening a long conversation loads older pages until the first unread message is in view.
const MAX_MESSAGES_TO_FIRST_UNREAD = 200;

export function useHistoryScroll(input: {
  messages: ClientMessage[];
  hasOlder: boolean;
  unreadFrom: number | null;
  onLoadOlder: () => Promise<void>;
}) {
  const { messages, hasOlder, unreadFrom, onLoadOlder } = input;
  const scroller = useRef<HTMLDivElement>(null);
  const divider = useRef<HTMLLIElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const stick = useRef(true);
  const anchor = useRef<{ seq: string; top: number } | null>(null);
  const landed = useRef(false);

  // The first unread message is older than the latest page: fetch back to it (bounded) before
  // positioning the view or counting anything as seen.
  const loadingToUnread = useRef(false);
  const [loadsDone, setLoadsDone] = useState(0);
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

  // The newest message there was when the reader was last at the bottom (on opening, the last one
  // read): "Jump to latest" counts the messages after it — unread ones below where the
  // conversation opened, and new ones that came while the reader was scrolled up.
  const [seenUpTo, setSeenUpTo] = useState(unreadFrom === null ? Infinity : unreadFrom - 1);
  const measure = (el: HTMLElement) => {
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    setAtBottom(stick.current);
    const items = stick.current ? el.querySelectorAll<HTMLElement>("[data-seq]") : [];
    if (items.length) setSeenUpTo(Number(items[items.length - 1]!.dataset.seq));
  };
  const newBelow = atBottom ? 0 : messages.filter((m) => !m.local && m.seq > seenUpTo).length;

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
      measure(el);
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
        // The page may have rendered before this settled (and been skipped as "still loading"):
        // look again, or the view would wait for the first unread forever.
        setLoadsDone((n) => n + 1);
      });
  }, [waitingForUnread, messages, onLoadOlder, loadsDone]);

  /** "Load older", keeping the reader's place. */
  const loadOlder = async () => {
    const top = scroller.current?.querySelector<HTMLElement>("[data-seq]");
    anchor.current = top ? { seq: top.dataset.seq!, top: top.getBoundingClientRect().top } : null;
    try {
      await onLoadOlder();
    } catch {
      anchor.current = null;
      toast("Couldn't load older messages. Try again.");
    }
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    if (!el) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollTo({ top: el.scrollHeight, behavior: reduce ? "auto" : "smooth" });
  };

  return {
    scroller,
    divider,
    atBottom,
    newBelow,
    waitingForUnread,
    loadOlder,
    jumpToLatest,
    onScroll: measure,
  };
}
