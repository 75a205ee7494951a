"use client";
// With live updates off (no Pusher configured) nothing tells the browser about new messages or
// receipts, so it asks: the open conversation and the list are refetched every few seconds while
// the tab is visible (and at once when it becomes visible). Acks are plain HTTP either way, so
// statuses still advance — a few seconds later than live.
import { useEffect } from "react";

export const POLL_MS = 3000;

/** Calls `fn` every POLL_MS while the page is visible, as long as `active`. */
export function usePolling(fn: () => unknown, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void fn();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [fn, active]);
}
