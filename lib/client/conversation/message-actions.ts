"use client";
// What a person does to a message after it was sent: edit, delete (for everyone or for me), react.
// Each goes over the HTTP API; the answer patches this view at once (the other members hear a
// message.changed event). Reactions show at once and are coalesced: quick toggles of one emoji on
// one message send one request with the final state, or none if it ends where the server is.
import { useCallback, useRef, type RefObject } from "react";
import { useSWRConfig } from "swr";
import type { Message, ReactionSummary, User } from "@/lib/core/types";
import { errorMessage, sendJson } from "@/lib/client/api";
import { patchPreview, type InboxList } from "@/lib/client/inbox/patch-list";
import { keys } from "@/lib/client/keys";
import { currentSocketId } from "@/lib/client/realtime/connection";
import { toast } from "@/lib/client/toast";
import type { Update } from "./cache";
import { noteChange } from "./changes";
import { isMine } from "./my-reactions";
import { withMessages, withoutMessage, type ClientDetail } from "./merge";

const REACT_SETTLE_MS = 300;

/** My reaction toggled in a message's summaries (what the view shows until the server answers). */
export function toggleReaction(
  reactions: ReactionSummary[] | undefined,
  emoji: string,
  me: User,
  on: boolean,
) {
  const list = reactions ?? [];
  const found = list.find((r) => r.emoji === emoji);
  if (found && isMine(found, me.id) === on) return list;
  if (!on && !found) return list;
  if (on) {
    return found
      ? list.map((r) => (r === found ? { ...r, count: r.count + 1, users: [...r.users, me], me: true } : r))
      : [...list, { emoji, count: 1, users: [me], me: true }];
  }
  return list
    .map((r) =>
      r === found ? { ...r, count: r.count - 1, users: r.users.filter((u) => u.id !== me.id), me: false } : r,
    )
    .filter((r) => r.count > 0);
}

export const reactedByMe = (message: Message, emoji: string, meId: string) =>
  message.reactions?.some((r) => r.emoji === emoji && isMine(r, meId)) ?? false;

export function useMessageActions(input: {
  id: string;
  me: User;
  latest: RefObject<ClientDetail>;
  update: Update;
  catchUp: () => Promise<void>;
}) {
  const { id, me, latest, update, catchUp } = input;
  const reacting = useRef(
    new Map<string, { server: boolean; want: boolean; timer: ReturnType<typeof setTimeout> }>(),
  );

  const { mutate } = useSWRConfig();
  const apply = useCallback(
    async (message: Message) => {
      await update((d) => withMessages(d, [message]));
      // My other tabs heard it; this one was left out of the event, so the list's preview (the
      // conversation's last message edited or deleted) follows here as theirs does.
      const event = { conversationId: id, changeSeq: message.changeSeq, message };
      void mutate(keys.conversations(), (list?: InboxList) => list && patchPreview(list, event), {
        revalidate: false,
      });
      // …and places it in the change order.
      if (noteChange(latest, update, message.changeSeq)) void catchUp();
    },
    [id, latest, update, catchUp, mutate],
  );

  const run = useCallback(
    async (what: string, call: () => Promise<{ message: Message | null }>) => {
      try {
        const { message } = await call();
        if (message) await apply(message);
        return true;
      } catch (error) {
        toast(errorMessage(error, `Couldn't ${what}. Try again.`), `message-${what}`);
        return false;
      }
    },
    [apply],
  );

  const edit = useCallback(
    (seq: number, body: string) =>
      run("edit the message", () =>
        sendJson("PATCH", keys.message(id, seq), { body, socketId: currentSocketId() }),
      ),
    [id, run],
  );

  const deleteForEveryone = useCallback(
    (seq: number) =>
      run("delete the message", () => sendJson("DELETE", `${keys.message(id, seq)}?for=everyone`)),
    [id, run],
  );

  const deleteForMe = useCallback(
    async (seq: number) => {
      if (await run("delete the message", () => sendJson("DELETE", `${keys.message(id, seq)}?for=me`))) {
        await update((d) => withoutMessage(d, seq));
      }
    },
    [id, run, update],
  );

  const react = useCallback(
    (seq: number, emoji: string) => {
      const message = latest.current.messages.find((m) => !m.local && m.seq === seq);
      if (!message) return;
      const key = `${seq}:${emoji}`;
      const shown = reactedByMe(message, emoji, me.id);
      const pending = reacting.current.get(key);
      if (pending) clearTimeout(pending.timer);
      const want = !shown;
      void update((d) => ({
        ...d,
        messages: d.messages.map((m) =>
          !m.local && m.seq === seq ? { ...m, reactions: toggleReaction(m.reactions, emoji, me, want) } : m,
        ),
      }));
      const server = pending?.server ?? shown;
      const timer = setTimeout(() => {
        reacting.current.delete(key);
        if (want === server) return;
        void run("react", () =>
          sendJson("POST", keys.reactions(id, seq), { emoji, on: want, socketId: currentSocketId() }),
        ).then((ok) => {
          // Put back what the server has.
          if (!ok) void catchUp();
        });
      }, REACT_SETTLE_MS);
      reacting.current.set(key, { server, want, timer });
    },
    [id, me, latest, update, run, catchUp],
  );

  return { edit, deleteForEveryone, deleteForMe, react };
}
