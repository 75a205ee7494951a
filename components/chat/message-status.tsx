"use client";

import { useEffect, useId, useRef, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { toast } from "@/lib/client/toast";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { recipientStates, type StatusView } from "@/lib/client/conversation/status-view";
import type { MemberState, RecipientReceipt } from "@/lib/core/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { TicksIcon } from "@/components/ui/ticks";

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
  members,
  conversationId,
}: {
  view: StatusView;
  message: ClientMessage;
  members: MemberState[];
  conversationId: string;
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
      className={`inline-flex items-center gap-1 ${TONE[view.status]}`}
    >
      <TicksIcon status={view.status} />
      <span>{view.label}</span>
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
        title="Message info"
      >
        {status}
      </button>
      {open ? (
        <MessageInfo
          id={panelId}
          message={message}
          members={members}
          conversationId={conversationId}
          onClose={close}
        />
      ) : null}
    </span>
  );
}

function MessageInfo({
  id,
  message,
  members,
  conversationId,
  onClose,
}: {
  id: string;
  message: ClientMessage;
  members: MemberState[];
  conversationId: string;
  onClose: () => void;
}) {
  const { data } = useSWR<{ recipients: RecipientReceipt[] }>(
    keys.messageReceipts(conversationId, message.seq),
    fetcher,
    // What the watermarks say stays on screen; the times are what's missing.
    { onError: () => toast("Couldn't load when this message was delivered and read.", "receipts") },
  );
  const panel = useRef<HTMLDivElement>(null);
  // Focus moves in, so Escape and a screen reader find the info; closing hands focus back.
  useEffect(() => panel.current?.focus(), []);
  // Until the times arrive, show the states we already know from the watermarks.
  const rows: { user: RecipientReceipt["user"]; text: string; at?: string }[] =
    data?.recipients.map((r) => ({
      user: r.user,
      text: r.readAt ? "Read" : r.deliveredAt ? "Delivered" : "Not delivered yet",
      at: r.readAt ?? r.deliveredAt ?? undefined,
    })) ??
    recipientStates(message, members).map((r) => ({
      user: r.user,
      text: r.state === "read" ? "Read" : r.state === "delivered" ? "Delivered" : "Not delivered yet",
    }));
  return (
    <div
      ref={panel}
      id={id}
      tabIndex={-1}
      role="dialog"
      aria-label="Message info"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      className="absolute right-0 bottom-6 z-20 w-64 rounded-lg border border-slate-200 bg-white p-2 text-left text-xs text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
    >
      <p className="mb-1 font-semibold">Message info</p>
      <ul className="max-h-60 space-y-1 overflow-y-auto">
        {rows.map((r) => (
          <li key={r.user.id} className="flex justify-between gap-2">
            <span className="truncate">{r.user.name}</span>
            <span className="shrink-0 text-slate-500 dark:text-slate-400">
              {r.text}
              {r.at ? (
                <>
                  {" "}
                  <RelativeTime iso={r.at} />
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
