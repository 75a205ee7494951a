"use client";
// The outbox in React: the shell wires it to the API and the SWR cache; views read its snapshot.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { previewOf } from "@/lib/core/preview";
import { useSWRConfig } from "swr";
import type { Message } from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { postJson } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import type { ClientDetail, ClientMessage } from "@/lib/client/conversation/merge";
import { withMessages } from "@/lib/client/conversation/merge";
import { patchList, type InboxList } from "@/lib/client/inbox/patch-list";
import { keys } from "@/lib/client/keys";
import { currentSocketId } from "@/lib/client/realtime/connection";
import { configureOutbox, emptyOutbox, outboxSnapshot, subscribeOutbox } from "./outbox";
import type { OutboxRecord } from "./record";

// The API, not a server action: a message queued before a deploy still finds its endpoint.
const post = async (r: OutboxRecord, attachmentIds?: string[]) =>
  (
    await postJson<{ message: Message }>(keys.send(r.conversationId), {
      body: r.body,
      clientId: r.clientId,
      socketId: currentSocketId(),
      ...(r.replyTo ? { replyToSeq: r.replyTo.seq } : {}),
      ...(attachmentIds ? { attachmentIds } : {}),
    })
  ).message;

/** The chat shell's part: how a queued message is sent, and where a stored one is shown. */
export function useOutboxSetup() {
  const { me } = useChat();
  const { mutate } = useSWRConfig();
  useEffect(
    () =>
      configureOutbox({
        userId: me.id,
        deliver: (r, saveFiles) =>
          r.files?.length
            ? // Files first (their upload code loads with the first message that carries any).
              import("@/lib/client/attachments/upload-queued").then((m) =>
                m.deliverWithFiles(r, saveFiles, post),
              )
            : post(r),
        onSent: (message) => {
          const { conversationId, seq } = message;
          // Sending moved my own watermarks to it on the server: no ack needed for it.
          noteServerMarks(conversationId, { deliveredSeq: seq, readSeq: seq });
          // withMessages: receipts that beat this answer (a quick reader) are applied as it lands.
          const merge = (d?: ClientDetail) => d && withMessages(d, [message]);
          void mutate(keys.conversation(conversationId), merge, { revalidate: false });
          const patch = (list?: InboxList) =>
            list && patchList(list, { conversationId, lastSeq: seq, lastMessage: message }, me.id);
          void mutate(keys.conversations(), patch, { revalidate: false });
        },
      }),
    [me.id, mutate],
  );
}

export function useOutbox() {
  return useSyncExternalStore(subscribeOutbox, outboxSnapshot, emptyOutbox);
}

/** This conversation's messages still in the outbox, as the message list shows them. */
export function useQueuedMessages(conversationId: string): ClientMessage[] {
  const { me } = useChat();
  const { records } = useOutbox();
  return useMemo(
    () =>
      records
        .filter((r) => r.conversationId === conversationId)
        .map((r) => ({
          id: `local-${r.clientId}`,
          conversationId,
          seq: 0,
          sender: { id: me.id, username: me.username, name: me.name },
          body: r.body,
          clientId: r.clientId,
          createdAt: r.createdAt,
          changeSeq: 0,
          ...(r.replyTo ? { replyTo: r.replyTo } : {}),
          ...(r.files?.length ? { pending: r.files } : {}),
          local: r.state === "queued" ? "sending" : "failed",
          failure: r.failure,
        })),
    [records, conversationId, me.id, me.username, me.name],
  );
}

export type OutboxSummary = { waiting: number; notSent: number; last?: string };

/** Per conversation: how many wait to be sent, how many weren't, and the last one's text. */
export function useOutboxSummary(): Map<string, OutboxSummary> {
  const { records } = useOutbox();
  return useMemo(() => {
    const byConversation = new Map<string, OutboxSummary>();
    for (const r of records) {
      const s = byConversation.get(r.conversationId) ?? { waiting: 0, notSent: 0 };
      if (r.state === "queued") s.waiting++;
      else s.notSent++;
      s.last = previewOf({ body: r.body, attachments: r.files });
      byConversation.set(r.conversationId, s);
    }
    return byConversation;
  }, [records]);
}
