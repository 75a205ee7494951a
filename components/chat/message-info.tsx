"use client";

import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { toast } from "@/lib/client/toast";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import type { StatusView } from "@/lib/client/conversation/status-view";
import type { MessageInfo as Info, RecipientReceipt, User } from "@/lib/core/types";
import { RelativeTime } from "@/components/ui/relative-time";

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
  const known = data ? null : peer ? [{ user: peer, text: stateWord(view.status), at: undefined }] : [];
  const rows =
    known ??
    recipients.map((r) => ({
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
      {data || peer ? null : <p className="text-slate-500 dark:text-slate-400">{view.label}</p>}
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
