"use client";
// Sending: optimistic, in order, once. Each message shows at once as "sending"; sends go out one
// after another; while offline they wait and go out on reconnect; a send that fails while online
// stays in place as "failed" with Retry. Every attempt carries the message's clientId, so a
// resend after a lost answer is stored once (the server dedupes).
import { useCallback, useRef, type RefObject } from "react";
import { useSWRConfig } from "swr";
import type { Message } from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { callAction, ClientError } from "@/lib/client/api";
import { forgetUploads, holdFiles, releaseFiles } from "@/lib/client/attachments/held-files";
import { pendingOf, type PickedFile } from "@/lib/client/attachments/picked";
import { useChat } from "@/lib/client/chat-context";
import { patchList, type InboxList } from "@/lib/client/inbox/patch-list";
import { keys } from "@/lib/client/keys";
import { currentSocketId } from "@/lib/client/realtime/connection";
import type { Update } from "./cache";
import { markFailed, upsertLocal, withMessages, type ClientDetail, type ClientMessage } from "./merge";

function waitForOnline() {
  return new Promise<void>((resolve) => window.addEventListener("online", () => resolve(), { once: true }));
}

type Outcome = { sent: Message } | { wait: number } | "offline" | "failed";

export function useOutbox(input: {
  conversationId: string;
  update: Update;
  latest: RefObject<ClientDetail>;
}) {
  const { conversationId, update, latest } = input;
  const { me, actions } = useChat();
  const { mutate: mutateGlobal } = useSWRConfig();
  const queue = useRef<Promise<void>>(Promise.resolve());

  const attempt = useCallback(
    async (message: ClientMessage): Promise<Outcome> => {
      try {
        // Files first, straight to the object store; the message then names them. Still "Sending".
        // (The upload code loads with the first message that carries files.)
        const attachmentIds = message.pending
          ? await import("@/lib/client/attachments/upload-held").then((m) =>
              m.uploadHeldFiles(conversationId, message.clientId),
            )
          : undefined;
        const sent = await callAction(() =>
          actions.sendMessage(conversationId, {
            body: message.body,
            clientId: message.clientId,
            socketId: currentSocketId(),
            ...(attachmentIds ? { attachmentIds } : {}),
          }),
        );
        releaseFiles(message.clientId);
        return { sent };
      } catch (error) {
        // The server couldn't take the uploads (gone, expired, not what they claimed): a retry
        // uploads the files again rather than naming the same uploads.
        if (error instanceof ClientError && error.code === "unprocessable") forgetUploads(message.clientId);
        // The connection dropped mid-send: whether or not it was stored, resending the same
        // clientId when we're back is safe.
        if (error instanceof ClientError && error.code === "network" && !navigator.onLine) return "offline";
        // Too fast, or the database busy: nothing was stored; wait as told and send it again.
        if (error instanceof ClientError && error.retryAfter) return { wait: error.retryAfter };
        return "failed";
      }
    },
    [actions, conversationId],
  );

  const deliver = useCallback(
    async (message: ClientMessage) => {
      for (;;) {
        if (!navigator.onLine) await waitForOnline();
        const outcome = await attempt(message);
        if (outcome === "offline") continue;
        if (outcome === "failed") {
          await update((d) => ({ ...d, messages: markFailed(d.messages, message.clientId) }));
          return;
        }
        if ("wait" in outcome) {
          await new Promise((r) => setTimeout(r, outcome.wait * 1000));
          continue;
        }
        const { sent } = outcome;
        // Sending moved my own watermarks to it on the server: no ack needed for it.
        noteServerMarks(conversationId, { deliveredSeq: sent.seq, readSeq: sent.seq });
        await update((d) => withMessages(d, [sent]));
        await mutateGlobal(
          keys.conversations(),
          (list: InboxList | undefined) =>
            list && patchList(list, { conversationId, lastSeq: sent.seq, lastMessage: sent }, me.id),
          { revalidate: false },
        );
        return;
      }
    },
    [attempt, conversationId, update, mutateGlobal, me.id],
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
    (body: string, files: PickedFile[] = []) => {
      const clientId = crypto.randomUUID();
      holdFiles(clientId, files);
      return enqueue({
        ...(files.length > 0 ? { pending: pendingOf(files) } : {}),
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
