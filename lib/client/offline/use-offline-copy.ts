"use client";
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import { paths } from "@/lib/core/paths";
import { keepOfflineCopy, registerServiceWorker } from "./offline-copies";

// The list is the offline fallback for a chat without a copy: copied once the page has settled,
// at most this often.
const LIST_COPY_DELAY_MS = 8_000;
const LIST_COPY_MAX_AGE_MS = 10 * 60_000;

/** The chat shell's part: the service worker, and a copy of the list to fall back on offline. */
export function useOfflineShell() {
  useEffect(() => {
    registerServiceWorker();
    const list = () => keepOfflineCopy(paths.conversations, LIST_COPY_MAX_AGE_MS);
    const timer = setTimeout(list, LIST_COPY_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
}

// A conversation only glanced at (switching through chats, or just signed in) isn't worth a page
// render on the server: its first copy waits this long, and isn't taken if it is left unchanged.
const OPEN_DELAY_MS = 5_000;
// ...and a copy this young will do then (e.g. the one the service worker kept of this page load).
const OPEN_MAX_AGE_MS = 15_000;
// After the last message shown changes: wait for a quiet moment, and never copy more often than this.
const QUIET_MS = 2_000;
const MIN_GAP_MS = 10_000;

/**
 * Keeps the service worker's offline copy of a conversation in step with what it shows: taken a
 * few seconds after opening, and again shortly after `version` (the last message shown — one
 * received, or one of mine the outbox let go of once stored) changes, or at once if the
 * conversation or the tab is left with a change not yet copied. Each copy is one page render on
 * the server, so changes are coalesced.
 */
export function useOfflineCopy(path: string, version: number) {
  const latest = useRef(version);
  const copied = useRef<{ version: number; at: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLayoutEffect(() => {
    latest.current = version;
  });

  const copyNow = useCallback(
    (maxAgeMs: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      keepOfflineCopy(path, maxAgeMs, latest.current);
      copied.current = { version: latest.current, at: Date.now() };
    },
    [path],
  );

  useEffect(() => {
    const opened = latest.current;
    const changed = () => latest.current !== (copied.current?.version ?? opened);
    timer.current = setTimeout(() => copyNow(changed() ? 0 : OPEN_MAX_AGE_MS), OPEN_DELAY_MS);
    const leave = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (changed()) copyNow(0);
    };
    const onHidden = () => document.visibilityState === "hidden" && changed() && copyNow(0);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      leave();
    };
  }, [copyNow]);

  useEffect(() => {
    const last = copied.current;
    // Before the first copy, the opening timer (or leaving) takes care of it.
    if (!last || last.version === version || timer.current) return;
    timer.current = setTimeout(() => copyNow(0), Math.max(QUIET_MS, last.at + MIN_GAP_MS - Date.now()));
  }, [version, copyNow]);
}
