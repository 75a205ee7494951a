"use client";
// A group's details (loaded when first opened): its name (admins rename it), its members a page at
// a time (admins remove them and add people), and Leave. Every change shows in the timeline as a
// system line, which every member's view receives like a message.
import { useEffect, useRef, useState } from "react";
import { errorMessage, callAction, sendJson } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import { keys } from "@/lib/client/keys";
import type { ConversationSummary } from "@/lib/core/types";
import { INPUT_CLASS } from "@/components/ui/modal-form";
import { AddPeople } from "./add-people";
import { MemberList } from "./member-list";

export default function GroupDialog({
  conversation,
  onClose,
}: {
  conversation: ConversationSummary;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { me, actions } = useChat();
  const admin = conversation.role === "admin";
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setVersion((v) => v + 1);
      return true;
    } catch (e) {
      setError(errorMessage(e, `Couldn't ${what}. Try again.`));
      return false;
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="group-dialog-title"
      onClose={onClose}
      style={{ width: "min(28rem, calc(100% - 2rem))" }}
      className="m-auto rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex max-h-[80dvh] flex-col gap-4 overflow-y-auto p-5">
        <h2 id="group-dialog-title" className="text-lg font-semibold">
          Group info
        </h2>
        {admin ? (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void attempt("rename the group", () =>
                callAction(() => actions.renameGroup(conversation.id, { title })),
              );
            }}
          >
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
              Group name
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={80}
                className={INPUT_CLASS}
              />
            </label>
            <button
              type="submit"
              className="bg-brand-600 hover:bg-brand-700 h-10 rounded-lg px-3 text-sm font-medium text-white"
            >
              Rename
            </button>
          </form>
        ) : (
          <p className="font-medium">{conversation.title}</p>
        )}
        {admin ? (
          <AddPeople
            onAdd={(userId) =>
              attempt("add them", () =>
                callAction(() => actions.addMembers(conversation.id, { userIds: [userId] })),
              )
            }
          />
        ) : null}
        <MemberList
          version={version}
          conversationId={conversation.id}
          meId={me.id}
          admin={admin}
          onRemove={(userId) =>
            attempt("remove them", () => sendJson("DELETE", keys.member(conversation.id, userId)))
          }
        />
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <div className="flex justify-between gap-2">
          <button
            type="button"
            onClick={() =>
              void attempt("leave the group", () =>
                sendJson("DELETE", keys.member(conversation.id, me.id)),
              ).then((ok) => ok && dialog.current?.close())
            }
            className="rounded-lg px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            Leave group
          </button>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
