"use client";
// The open conversation: history in the SWR cache (cache.ts), patched by realtime events
// (events.ts), repaired by catch-up fetches whenever events may have been missed (catch-up.ts);
// sends wait in the outbox (lib/client/outbox) until the server has them, shown after the
// confirmed messages. Acks: holding a message is "delivered"; the read tracker reports what was on
// screen as "read" (docs/architecture.md, "Receipts").
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ConversationDetail, Quote } from "@/lib/core/types";
import { ack, noteServerMarks } from "@/lib/client/ack-queue";
import { useChat } from "@/lib/client/chat-context";
import { discardMessage, queueMessage, retryMessage } from "@/lib/client/outbox/outbox";
import type { OutboxFile } from "@/lib/client/outbox/record";
import { useQueuedMessages } from "@/lib/client/outbox/use-outbox";
import { useTyping } from "@/lib/client/realtime/typing";
import { useConversationCache } from "./cache";
import { useCatchUp, useLoadOlder } from "./catch-up";
import { useConversationEvents } from "./events";
import { useEditSeen } from "./edit-seen";
import { lastConfirmedSeq, withOutbox } from "./merge";
import { useMessageActions } from "./message-actions";

export { requestCatchUp } from "./catch-up";

export function useConversation(initial: ConversationDetail) {
  const id = initial.conversation.id;
  const { me, realtime } = useChat();
  const { detail, latest, update, reseeds } = useConversationCache(initial);

  // Where "New messages" starts: the first message from someone else after my read watermark when
  // the conversation opened. Fixed for the life of this view, as in every chat app. (Every message
  // after my read watermark is someone else's: sending moves it past my own.)
  const [unreadFrom] = useState(() => {
    const { readSeq, lastSeq } = initial.conversation;
    return readSeq < lastSeq ? readSeq + 1 : null;
  });

  const holdUpTo = useCallback((seq: number) => ack(id, "delivered", seq), [id]);
  const { onEditsSeen, onEditOutOfView } = useEditSeen(id, me.id, latest);
  const markRead = useCallback(
    (seq: number, editsSeen: number[] = []) => {
      ack(id, "read", seq);
      onEditsSeen(editsSeen);
    },
    [id, onEditsSeen],
  );

  useEffect(() => {
    const { deliveredSeq, readSeq } = initial.conversation;
    noteServerMarks(id, { deliveredSeq, readSeq }, true);
    holdUpTo(lastConfirmedSeq(initial.messages));
  }, [id, initial, holdUpTo]);

  // Live updates off: no channel, no typing; polling brings messages and receipts.
  const catchUp = useCatchUp({ id, latest, update, onHeld: holdUpTo, poll: !realtime.enabled });
  const channel = useConversationEvents({
    id,
    meId: me.id,
    latest,
    update,
    catchUp,
    onHeld: holdUpTo,
    // Runs at event time, after this render has set `typing` up.
    onMessage: (message) => typing.stopped(message.sender.id),
    onEditOutOfView,
  });
  const typing = useTyping(channel, me);
  // A newer render of the page replaced the cache: what changed since it was made comes back.
  useEffect(() => {
    if (reseeds > 0) void catchUp();
  }, [reseeds, catchUp]);

  const queued = useQueuedMessages(id);
  const messages = useMemo(() => withOutbox(detail.messages, queued), [detail.messages, queued]);
  const send = useCallback(
    (body: string, replyTo?: Quote, files?: OutboxFile[]) => queueMessage(id, body, replyTo, files),
    [id],
  );
  const loadOlder = useLoadOlder(id, latest, update);
  const actions = useMessageActions({ id, me, latest, update, catchUp });

  return {
    detail,
    latest,
    messages,
    send,
    retry: retryMessage,
    discard: discardMessage,
    loadOlder,
    markRead,
    actions,
    unreadFrom,
    typingNames: typing.names,
    notifyTyping: typing.notify,
  };
}
