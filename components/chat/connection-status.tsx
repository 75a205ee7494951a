"use client";

import { useEffect, useState } from "react";
import { useOutbox } from "@/lib/client/outbox/use-outbox";
import { useConnectionState } from "@/lib/client/realtime/use-connection";

const TEXT = {
  reconnecting: "Reconnecting…",
  unavailable: "Live updates unavailable — retrying…",
  offline: "Offline — messages will be sent when you're back",
  // No Pusher configured on the server: the chat polls, so this stays (quietly) for good.
  off: "Live updates are off — new messages show up within a few seconds",
} as const;

// Online, a send takes milliseconds: the pill speaks of waiting messages only when they wait.
const QUIET_MS = 1500;

const messages = (n: number) => `${n} message${n === 1 ? "" : "s"}`;

/**
 * A quiet pill while the live connection is down or messages wait in the outbox; nothing at all
 * while everything is up and sent.
 */
export function ConnectionStatus() {
  const state = useConnectionState();
  const waiting = useOutbox().records.filter((r) => r.state === "queued").length;
  const busy = waiting > 0;
  const [quietOver, setQuietOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setQuietOver(busy), busy ? QUIET_MS : 0);
    return () => clearTimeout(timer);
  }, [busy]);

  const up = state === "connected" || state === "connecting";
  const sending = busy && quietOver ? `Sending… ${messages(waiting)} waiting` : null;
  const text =
    state === "offline" && waiting > 0
      ? `Offline — ${messages(waiting)} waiting to be sent when you're back`
      : up
        ? sending
        : [TEXT[state], sending].filter(Boolean).join(" · ");
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={state}
      data-waiting={waiting}
    >
      {text ? (
        <p
          className={`px-3 py-1 text-center text-xs ${
            state === "offline"
              ? "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
              : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
          }`}
        >
          {text}
        </p>
      ) : null}
    </div>
  );
}
