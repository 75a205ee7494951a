"use client";
// Search, loaded on demand (the page's first JavaScript holds only its buttons): in one
// conversation, or in every chat — then the chats whose names match come first, filtered from the
// list as you type, and messages from the server's full-text index after them.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { requestJump } from "@/lib/client/search/request-jump";
import { useMessageSearch } from "@/lib/client/search/use-message-search";
import { paths } from "@/lib/core/paths";
import type { SearchHit } from "@/lib/core/search";
import type { ConversationSummary } from "@/lib/core/types";
import { INPUT_CLASS } from "@/components/ui/modal-form";
import { SearchResult } from "./search-result";

export default function SearchDialog({
  conversations,
  conversationId,
  onClose,
}: {
  /** Every chat in the list: names to filter, and each result's chat. */
  conversations: ConversationSummary[];
  /** Search only this conversation. */
  conversationId?: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const router = useRouter();
  const [q, setQ] = useState("");
  const search = useMessageSearch(q, conversationId);
  useEffect(() => ref.current?.showModal(), []);

  const inChat = conversationId ? conversations.find((c) => c.id === conversationId) : undefined;
  const title = inChat ? `Search in ${inChat.title}` : "Search";
  const needle = q.trim().toLocaleLowerCase();
  const chats =
    conversationId || !needle
      ? []
      : conversations.filter((c) => c.title.toLocaleLowerCase().includes(needle)).slice(0, 20);
  const titles = new Map(conversations.map((c) => [c.id, c.title]));

  const close = () => ref.current?.close();
  const go = (hit: SearchHit) => {
    close();
    if (!requestJump(hit.conversationId, hit.seq)) router.push(paths.conversation(hit.conversationId));
  };

  const count = search.results.length;
  const summary = !search.searching
    ? ""
    : search.pending && count === 0
      ? "Searching…"
      : search.error
        ? search.error
        : count === 0
          ? "No messages found."
          : `${count}${search.next !== null ? "+" : ""} ${count === 1 ? "message" : "messages"} found.`;

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      onClose={onClose}
      className="m-0 h-dvh max-h-none w-full max-w-none bg-white p-0 text-slate-900 backdrop:bg-slate-900/40 md:m-auto md:h-auto md:max-h-[80vh] md:max-w-lg md:rounded-2xl md:shadow-xl dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex h-full flex-col md:max-h-[80vh]">
        <div className="flex items-center gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
          <h2 id={headingId} className="min-w-0 flex-1 truncate font-semibold">
            {title}
          </h2>
          <button
            type="button"
            onClick={close}
            className="rounded-lg px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Close
          </button>
        </div>
        <div className="p-3">
          <input
            type="search"
            aria-label={conversationId ? "Search messages" : "Search chats and messages"}
            placeholder={conversationId ? "Search messages" : "Search chats and messages"}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={100}
            autoFocus
            className={`w-full ${INPUT_CLASS}`}
          />
          <p role="status" className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            {summary}
          </p>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-3 pb-3">
          {chats.length > 0 ? (
            <section aria-label="Chats" className="mb-3">
              <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">
                Chats
              </h3>
              <ul>
                {chats.map((c) => (
                  <li key={c.id}>
                    <a
                      href={paths.conversation(c.id)}
                      onClick={(e) => {
                        e.preventDefault();
                        close();
                        router.push(paths.conversation(c.id));
                      }}
                      className="block truncate rounded-lg px-2 py-2 hover:bg-slate-100 dark:hover:bg-slate-800"
                    >
                      {c.title}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {count > 0 ? (
            <section aria-label="Messages">
              {conversationId ? null : (
                <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">
                  Messages
                </h3>
              )}
              <ul className="flex flex-col gap-1">
                {search.results.map((hit) => (
                  <li key={`${hit.conversationId}-${hit.seq}`}>
                    <SearchResult
                      hit={hit}
                      chat={conversationId ? undefined : titles.get(hit.conversationId)}
                      onSelect={go}
                    />
                  </li>
                ))}
              </ul>
              {search.next !== null ? (
                <button
                  type="button"
                  onClick={search.more}
                  disabled={search.loading}
                  className="text-brand-700 dark:text-brand-100 mt-2 w-full rounded-lg py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  {search.loading ? "Loading…" : "More results"}
                </button>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </dialog>
  );
}
