"use client";

import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { toast } from "@/lib/client/toast";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import type { StatusView } from "@/lib/client/conversation/status-view";
import type { MessageInfo as Info, RecipientReceipt, User } from "@/lib/core/types";

const stateWord = (status: StatusView["status"]) =>
  status === "read" ? "Read" : status === "delivered" ? "Delivered" : "Not delivered yet";

/** Who got one of my messages and when: a page of recipients at a time. */
export function MessageInfo({
  id,
  message,
  view,
  peer,
  conversationId,
  onClose,
}: {
  id: string;
  message: ClientMessage;
  view: StatusView;
  peer?: User;
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
  // Until the times arrive (or if they can't), what the counts already say stays on screen.
  const rows: { user: User; state: string; delivered?: string | null; read?: string | null }[] = data
    ? recipients.map((r) => ({
        user: r.user,
        state: r.readAt ? "Read" : r.deliveredAt ? "Delivered" : "Not delivered yet",
        delivered: r.deliveredAt,
        read: r.readAt,
      }))
    : peer
      ? [{ user: peer, state: stateWord(view.status) }]
      : [];
  return (
    <>
      {/* On a phone it's a sheet over a dimmed chat; a tap outside closes it. */}
      <div aria-hidden="true" onClick={onClose} className="fixed inset-0 z-30 bg-slate-950/30 sm:hidden" />
      <div
        ref={panel}
        id={id}
        tabIndex={-1}
        role="dialog"
        aria-label="Message info"
        onKeyDown={(e) => e.key === "Escape" && onClose()}
        // Below the status line, never over the bubble it is about.
        className="fixed inset-x-0 bottom-0 z-40 max-h-[70vh] overflow-y-auto rounded-t-2xl border border-slate-200 bg-white p-3 text-left text-sm whitespace-normal text-slate-700 shadow-lg sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:bottom-auto sm:mt-1 sm:max-h-none sm:w-72 sm:rounded-lg sm:p-2 sm:text-xs dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
      >
        <div className="mb-1 flex items-center justify-between gap-2">
          <p className="font-semibold">Message info</p>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close message info"
            className="focus-visible:outline-brand-500 rounded-full px-2 py-0.5 text-base leading-none hover:bg-slate-100 focus-visible:outline-2 dark:hover:bg-slate-800"
          >
            ×
          </button>
        </div>
        {data || peer ? null : <p className="text-slate-500 dark:text-slate-400">{view.label}</p>}
        <ul className="max-h-60 space-y-1.5 overflow-y-auto">
          {rows.map((r) => (
            <li key={r.user.id}>
              <span className="flex justify-between gap-2">
                <span className="truncate font-medium">{r.user.name}</span>
                <span className="shrink-0">{r.state}</span>
              </span>
              {r.delivered ? <Stamp what="Delivered" iso={r.delivered} /> : null}
              {r.read ? <Stamp what="Read" iso={r.read} /> : null}
            </li>
          ))}
        </ul>
        {next ? (
          <button type="button" onClick={() => void loadMore()} className="mt-1 underline">
            Show more
          </button>
        ) : null}
      </div>
    </>
  );
}

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

/** An exact time to the second ("2 Dec 2026, 14:05:03"), the weekday too on hover. */
function Stamp({ what, iso }: { what: string; iso: string }) {
  const date = new Date(iso);
  return (
    <span className="flex justify-between gap-2 text-slate-600 dark:text-slate-400">
      <span>{what}</span>
      <time dateTime={iso} title={full.format(date)}>
        {exact.format(date)}
      </time>
    </span>
  );
}
