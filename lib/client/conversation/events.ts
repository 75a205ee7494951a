"use client";
// The open conversation's live updates. Everything about it reaches me on my own channel (one
// frame per message, docs/architecture.md): new messages and my receipts patch the cache; a hole in
// the seqs or a (re)subscription means events were missed, and catch-up repairs it. Its own
// channel carries only the typing indicator's client events.
import type { RefObject } from "react";
import { EVENTS, conversationChannel, userChannel } from "@/lib/core/realtime/channels";
import type { ConversationUpdatedEvent, Message, ReceiptsEvent } from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { useChannel } from "@/lib/client/realtime/use-channel";
import type { Update } from "./cache";
import { hasGap, withMessages, withReceipts, type ClientDetail } from "./merge";

const none = {};

export function useConversationEvents(input: {
  id: string;
  meId: string;
  latest: RefObject<ClientDetail>;
  update: Update;
  catchUp: () => Promise<void>;
  onHeld: (seq: number) => void;
  onMessage: (message: Message) => void;
}) {
  const { id, meId, latest, update, catchUp } = input;
  const onNewMessage = (message: Message) => {
    input.onMessage(message);
    if (hasGap(latest.current.messages, message.seq)) return void catchUp();
    void update((d) => withMessages(d, [message]));
    // Sent from my other tab: the server already moved my watermarks to it.
    if (message.sender.id === meId) noteServerMarks(id, { deliveredSeq: message.seq, readSeq: message.seq });
    else input.onHeld(message.seq);
  };
  useChannel(userChannel(meId), {
    [EVENTS.conversationUpdated]: (e: ConversationUpdatedEvent) => {
      if (e.conversationId !== id) return;
      if (e.lastMessage) onNewMessage(e.lastMessage);
      // My own acks from another tab: don't send them again.
      if (e.readSeq !== undefined && e.deliveredSeq !== undefined) {
        noteServerMarks(id, { deliveredSeq: e.deliveredSeq, readSeq: e.readSeq });
      }
    },
    [EVENTS.receiptsUpdated]: (e: ReceiptsEvent) => {
      if (e.conversationId !== id) return;
      if (withReceipts(latest.current, e) === latest.current) return;
      void update((d) => withReceipts(d, e));
    },
    // First subscribe and every re-subscribe after a reconnect: fetch what we may have missed.
    "pusher:subscription_succeeded": () => void catchUp(),
  });
  // Held for typing: useTyping binds its client events to it.
  return useChannel(conversationChannel(id), none);
}
