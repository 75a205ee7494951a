"use client";

import { lazy, Suspense, useId, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import type { StatusView } from "@/lib/client/conversation/status-view";
import type { User } from "@/lib/core/types";
import { TicksIcon } from "@/components/ui/ticks";

// Loads when first opened: most ticks are never clicked.
const MessageInfo = lazy(() => import("./message-info").then((m) => ({ default: m.MessageInfo })));

const TONE: Record<StatusView["status"], string> = {
  sending: "text-slate-500 dark:text-slate-400",
  failed: "text-red-600 dark:text-red-400",
  sent: "text-slate-500 dark:text-slate-400",
  delivered: "text-slate-500 dark:text-slate-400",
  // --color-read is 3:1 on white: too light for 11 px text, so a darker blue in the light theme.
  read: "text-sky-700 dark:text-read font-semibold",
};

/** The ticks under one of my messages; a click opens message info (who got it, and when). */
export function MessageStatus({
  view,
  message,
  conversationId,
  peer,
}: {
  view: StatusView;
  message: ClientMessage;
  conversationId: string;
  /** A direct chat's other member: the one recipient, known before message info loads. */
  peer?: User;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const status = (
    <span
      data-testid="message-status"
      data-status={view.status}
      aria-live="polite"
      className={`inline-flex items-center gap-1 whitespace-nowrap ${TONE[view.status]}`}
    >
      <TicksIcon status={view.status} />
      {view.count ? (
        // A group's words don't fit under a bubble: the glyph and a count show, the words are read.
        <>
          <span aria-hidden="true">{view.count}</span>
          <span className="sr-only">{view.label}</span>
        </>
      ) : (
        <span>{view.label}</span>
      )}
    </span>
  );
  if (!view.receipts || view.receipts.recipients === 0) return status;
  return (
    <span className="relative inline-flex">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === "Escape" && close()}
        className="focus-visible:outline-brand-500 rounded hover:underline focus-visible:outline-2"
        title={`${view.label} · Message info`}
      >
        {status}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <MessageInfo
            id={panelId}
            message={message}
            view={view}
            peer={peer}
            conversationId={conversationId}
            onClose={close}
          />
        </Suspense>
      ) : null}
    </span>
  );
}
