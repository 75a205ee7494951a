"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { currentToasts, dismissToast, subscribeToasts, type Toast } from "@/lib/client/toast";

const HIDE_AFTER_MS = 6000;
const none: Toast[] = [];

/** One polite live region for passing errors; each hides itself unless hovered or focused. */
export function Toaster() {
  const toasts = useSyncExternalStore(subscribeToasts, currentToasts, () => none);
  const [paused, setPaused] = useState(false);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setPaused(false);
      }}
      className="pointer-events-none fixed inset-x-3 bottom-20 z-50 flex flex-col items-center gap-2 sm:right-4 sm:left-auto sm:w-96 sm:items-end"
    >
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} paused={paused} />
      ))}
    </div>
  );
}

function ToastItem({ toast, paused }: { toast: Toast; paused: boolean }) {
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => dismissToast(toast.id), HIDE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id]);
  return (
    <div
      data-testid="toast"
      className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl bg-slate-900 py-2.5 pr-2 pl-4 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
    >
      <p className="flex-1 py-0.5">{toast.text}</p>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => dismissToast(toast.id)}
        className="rounded-full px-2 py-0.5 text-base leading-5 opacity-80 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-current"
      >
        ×
      </button>
    </div>
  );
}
