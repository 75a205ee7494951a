"use client";

import { useEffect, useId, useRef, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { toast } from "@/lib/client/toast";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import type { StatusView } from "@/lib/client/conversation/status-view";
import type { MessageInfo as Info, RecipientReceipt } from "@/lib/core/types";
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
  conversationId,
}: {
  view: StatusView;
  message: ClientMessage;
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
        <MessageInfo id={panelId} message={message} conversationId={conversationId} onClose={close} />
      ) : null}
    </span>
  );
}

function MessageInfo({
  id,
  message,
  conversationId,
  onClose,
}: {
  id: string;
  message: ClientMessage;
  conversationId: string;
  onClose: () => void;
}) {
  const { data } = useSWR<Info>(
    keys.messageReceipts(conversationId, message.seq),
    fetcher,
    // What the counts say stays on screen; who and when is what's missing.
    { onError: () => toast("Couldn't load when this message was delivered and read.", "receipts") },
  );
  // Big groups come a page at a time.
  const [more, setMore] = useState<{ recipients: RecipientReceipt[]; next: string | null } | null>(null);
  const recipients = [...(data?.recipients ?? []), ...(more?.recipients ?? [])];
  const next = more ? more.next : (data?.next ?? null);
  const loadMore = async () => {
    if (!next) return;
    const page = await fetcher<Info>(keys.messageReceipts(conversationId, message.seq, next)).catch(
      () => null,
    );
    if (!page) return toast("Couldn't load more recipients.", "receipts");
    setMore({ recipients: [...(more?.recipients ?? []), ...page.recipients], next: page.next });
  };
  const panel = useRef<HTMLDivElement>(null);
  // Focus moves in, so Escape and a screen reader find the info; closing hands focus back.
  useEffect(() => panel.current?.focus(), []);
  const rows = recipients.map((r) => ({
    user: r.user,
    text: r.readAt ? "Read" : r.deliveredAt ? "Delivered" : "Not delivered yet",
    at: r.readAt ?? r.deliveredAt ?? undefined,
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
      {data ? null : <p className="text-slate-500 dark:text-slate-400">Loading…</p>}
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
      {next ? (
        <button type="button" onClick={() => void loadMore()} className="mt-1 underline">
          Show more
        </button>
      ) : null}
    </div>
  );
}
