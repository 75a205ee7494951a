"use client";
// Sending: optimistic, in order, once. Each message shows at once as "sending"; sends go out one
// after another; while offline they wait and go out on reconnect; a send that fails while online
// stays in place as "failed" with Retry. Every attempt carries the message's clientId, so a
// resend after a lost answer is stored once (the server dedupes).
import { useCallback, useRef, type RefObject } from "react";
import type { ScopedMutator } from "swr";
import { sendMessageAction } from "@/app/(chat)/actions";
import { currentSocketId } from "@/lib/client/realtime/connection";
import type { User } from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { keys } from "@/lib/client/keys";
import { markFailed, mergeMessages, upsertLocal, type ClientDetail, type ClientMessage } from "./merge";
import { patchList, type InboxList } from "@/lib/client/inbox/use-inbox";

type Options = {
  conversationId: string;
  me: User;
  update: (fn: (d: ClientDetail) => ClientDetail) => Promise<unknown>;
  mutateGlobal: ScopedMutator;
  latest: RefObject<ClientDetail>;
};

function waitForOnline() {
  return new Promise<void>((resolve) => window.addEventListener("online", () => resolve(), { once: true }));
}

export function useOutbox({ conversationId, me, update, mutateGlobal, latest }: Options) {
  const queue = useRef<Promise<void>>(Promise.resolve());

  const deliver = useCallback(
    async (message: ClientMessage) => {
      for (;;) {
        if (!navigator.onLine) await waitForOnline();
        const result = await sendMessageAction(conversationId, {
          body: message.body,
          clientId: message.clientId,
          socketId: currentSocketId(),
        }).catch(() => null);
        if (result?.ok) {
          const sent = result.value;
          // Sending moved my own watermarks to it on the server: no ack needed for it.
          noteServerMarks(conversationId, { deliveredSeq: sent.seq, readSeq: sent.seq });
          await update((d) => ({ ...d, messages: mergeMessages(d.messages, [sent]) }));
          await mutateGlobal(
            keys.conversations(),
            (list: InboxList | undefined) =>
              list &&
              patchList(list, { conversationId, lastSeq: sent.seq, lastMessage: sent, unreadCount: 0 }),
            { revalidate: false },
          );
          return;
        }
        // The connection dropped mid-send: whether or not it was stored, resending the same
        // clientId when we're back is safe.
        if (!result && !navigator.onLine) continue;
        // Too fast, or the database busy: nothing was stored; wait as told and send it again.
        if (result && !result.ok && result.error.retryAfter) {
          await new Promise((r) => setTimeout(r, result.error.retryAfter! * 1000));
          continue;
        }
        await update((d) => ({ ...d, messages: markFailed(d.messages, message.clientId) }));
        return;
      }
    },
    [conversationId, update, mutateGlobal],
  );

  const enqueue = useCallback(
    (message: ClientMessage) => {
      void update((d) => ({ ...d, messages: upsertLocal(d.messages, { ...message, local: "sending" }) }));
      queue.current = queue.current.then(() => deliver(message));
      return queue.current;
    },
    [update, deliver],
  );

  const send = useCallback(
    (body: string) => {
      const clientId = crypto.randomUUID();
      return enqueue({
        id: `local-${clientId}`,
        conversationId,
        seq: 0,
        sender: { id: me.id, username: me.username, name: me.name },
        body,
        clientId,
        createdAt: new Date().toISOString(),
      });
    },
    [enqueue, conversationId, me],
  );

  /** Resends a failed message with its original clientId: the server stores it at most once. */
  const retry = useCallback(
    (clientId: string) => {
      const message = latest.current.messages.find((m) => m.local === "failed" && m.clientId === clientId);
      if (message) void enqueue(message);
    },
    [enqueue, latest],
  );

  return { send, retry };
}
