"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { callAction, errorMessage, fetcher } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import { keys } from "@/lib/client/keys";
import { paths } from "@/lib/core/paths";
import type { User } from "@/lib/core/types";
import { Avatar } from "@/components/ui/avatar";
import { INPUT_CLASS, ModalForm } from "@/components/ui/modal-form";
import { PickedPeople } from "./picked-people";

/** Start a direct chat (pick one person) or a group (pick several and name it). Loaded when first
 * opened, and open while mounted. */
export function NewChatDialog({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const { actions } = useChat();
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  const [picked, setPicked] = useState<User[]>([]);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(q), 200);
    return () => clearTimeout(t);
  }, [q]);
  const { data, error: searchError } = useSWR<{ users: User[] }>(keys.users(debounced), fetcher);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const close = () => dialog.current?.close();

  const toggle = (u: User) =>
    setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : [...p, u]));

  const create = async () => {
    setBusy(true);
    setError(null);
    const input =
      picked.length === 1
        ? { kind: "direct", userId: picked[0]!.id }
        : { kind: "group", title, memberIds: picked.map((u) => u.id) };
    try {
      const conversation = await callAction(() => actions.createConversation(input));
      close();
      onCreated();
      router.push(paths.conversation(conversation.id));
    } catch (e) {
      setError(errorMessage(e, "Could not start the conversation. Try again."));
    } finally {
      setBusy(false);
    }
  };

  const group = picked.length > 1;
  return (
    <ModalForm
      ref={dialog}
      id="new-chat"
      title="New chat"
      width="28rem"
      submitLabel={group ? "Create group" : "Start chat"}
      submitDisabled={busy || picked.length === 0 || (group && !title.trim())}
      error={error}
      onCancel={close}
      onSubmit={() => void create()}
      onClose={onClose}
      className="flex max-h-[80vh] flex-col gap-3 p-4"
    >
      <label className="text-sm font-medium" htmlFor="people-search">
        Search people
      </label>
      <input
        id="people-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Name or username"
        className={INPUT_CLASS}
      />
      <PickedPeople picked={picked} onRemove={toggle} />
      <ul
        aria-label="People"
        // A fixed height: the dialog (centred) must not move while results arrive under the pointer.
        className="h-60 min-h-24 shrink overflow-y-auto rounded-lg border border-slate-200 dark:border-slate-800"
      >
        {(data?.users ?? []).map((u) => {
          const checked = picked.some((x) => x.id === u.id);
          return (
            <li key={u.id}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={() => toggle(u)}
                  className="accent-brand-600 h-4 w-4"
                />
                <Avatar name={u.name} seed={u.id} size="sm" />
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium">{u.name}</span>
                  <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                    @{u.username}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
        {searchError && !data ? (
          <li className="px-3 py-4 text-center text-sm text-red-600 dark:text-red-400">
            Couldn’t search just now. Try again.
          </li>
        ) : data && data.users.length === 0 ? (
          <li className="px-3 py-4 text-center text-sm text-slate-500 dark:text-slate-400">
            {debounced.trim() ? `Nobody matches “${debounced.trim()}”.` : "Nobody else here yet."}
          </li>
        ) : null}
      </ul>
      {group ? (
        <>
          <label className="text-sm font-medium" htmlFor="group-title">
            Group name
          </label>
          <input
            id="group-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={64}
            required
            className={INPUT_CLASS}
          />
        </>
      ) : null}
    </ModalForm>
  );
}
