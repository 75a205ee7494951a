"use client";

import { useId, useState } from "react";
import { recipientStates, type StatusView } from "@/lib/chat/client/status-view";
import type { ClientMessage } from "@/lib/chat/client/merge";
import type { MemberState } from "@/lib/chat/types";
import { TicksIcon } from "@/components/ui/ticks";

const TONE: Record<StatusView["status"], string> = {
  sending: "text-slate-400",
  failed: "text-red-600 dark:text-red-400",
  sent: "text-slate-500 dark:text-slate-400",
  delivered: "text-slate-500 dark:text-slate-400",
  read: "text-read",
};

const STATE_TEXT = { read: "Read", delivered: "Delivered", sent: "Not delivered yet" } as const;

/** The ticks under one of my messages; "who" opens on demand. */
export function MessageStatus({
  view,
  message,
  members,
  showWho,
}: {
  view: StatusView;
  message: ClientMessage;
  members: MemberState[];
  showWho: boolean;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const status = (
    <span
      data-testid="message-status"
      data-status={view.status}
      aria-live="polite"
      className={`inline-flex items-center gap-1 ${TONE[view.status]}`}
    >
      <TicksIcon status={view.status} />
      <span>{view.label}</span>
    </span>
  );
  if (!showWho || !view.receipts || view.receipts.recipients === 0) return status;
  return (
    <span className="relative inline-flex">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        className="focus-visible:outline-brand-500 rounded hover:underline focus-visible:outline-2"
        title="Who got it"
      >
        {status}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Seen by"
          className="absolute right-0 bottom-6 z-20 w-56 rounded-lg border border-slate-200 bg-white p-2 text-left text-xs text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        >
          <ul className="max-h-60 space-y-1 overflow-y-auto">
            {recipientStates(message, members).map((r) => (
              <li key={r.user.id} className="flex justify-between gap-2">
                <span className="truncate">{r.user.name}</span>
                <span className="shrink-0 text-slate-500 dark:text-slate-400">
                  {r.state === "delivered" && r.readHidden ? "Delivered" : STATE_TEXT[r.state]}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </span>
  );
}
