"use client";

import { useConnectionState } from "@/lib/client/realtime/use-connection";

const TEXT = {
  reconnecting: "Reconnecting…",
  unavailable: "Live updates unavailable — retrying…",
  offline: "Offline — messages will be sent when you're back",
  // No Pusher configured on the server: the chat polls, so this stays (quietly) for good.
  off: "Live updates are off — new messages show up within a few seconds",
} as const;

/** A quiet pill while the live connection is down; nothing at all while it's up. */
export function ConnectionStatus() {
  const state = useConnectionState();
  return (
    <div role="status" aria-live="polite" data-testid="connection-status" data-state={state}>
      {state === "connected" || state === "connecting" ? null : (
        <p
          className={`px-3 py-1 text-center text-xs ${
            state === "offline"
              ? "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
              : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
          }`}
        >
          {TEXT[state]}
        </p>
      )}
    </div>
  );
}
