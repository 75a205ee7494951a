"use client";
// The open conversation's live updates. Everything about it reaches me on my own channel (one
// frame per message or change, docs/architecture.md): new messages, changes to messages and my
// receipts patch the cache; a hole in the seqs or in the change sequence, or a (re)subscription,
// means events were missed, and catch-up repairs it. Its own channel carries only the typing
// indicator's client events.
import type { RefObject } from "react";
import { EVENTS, conversationChannel, userChannel } from "@/lib/core/realtime/channels";
import type {
  ConversationUpdatedEvent,
  Message,
  MessageChangedEvent,
  MessageHiddenEvent,
  ReceiptsEvent,
} from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { useChannel } from "@/lib/client/realtime/use-channel";
import type { Update } from "./cache";
import { noteChange } from "./changes";
import { withMyToggle } from "./my-reactions";
import { hasGap, withChanges, withMessages, withoutMessage, withReceipts, type ClientDetail } from "./merge";

const none = {};

export function useConversationEvents(input: {
  id: string;
  meId: string;
  latest: RefObject<ClientDetail>;
  update: Update;
  catchUp: () => Promise<void>;
  onHeld: (seq: number) => void;
  onMessage: (message: Message) => void;
  onEditOutOfView: (editSeq: number) => void;
}) {
  const { id, meId, latest, update, catchUp } = input;
  const onNewMessage = (message: Message, event: ConversationUpdatedEvent) => {
    input.onMessage(message);
    if (hasGap(latest.current.messages, message.seq)) return void catchUp();
    void update((d) => {
      const next = withMessages(d, [message]);
      const conversation = {
        ...next.conversation,
        ...(event.title !== undefined ? { title: event.title } : {}),
        ...(event.memberCount !== undefined ? { memberCount: event.memberCount } : {}),
        ...(event.left ? { role: null } : {}),
      };
      return { ...next, conversation };
    });
    // Sent from my other tab: the server already moved my watermarks to it.
    if (message.sender.id === meId && !message.system)
      noteServerMarks(id, { deliveredSeq: message.seq, readSeq: message.seq });
    else input.onHeld(message.seq);
  };
  // Every change has its place in the conversation's change sequence: one skipped means missed.
  const inOrder = (changeSeq: number | undefined) => {
    const gap = noteChange(latest, update, changeSeq);
    if (gap) void catchUp();
  };
  useChannel(userChannel(meId), {
    [EVENTS.conversationUpdated]: (e: ConversationUpdatedEvent) => {
      if (e.conversationId !== id) return;
      if (e.lastMessage) {
        onNewMessage(e.lastMessage, e);
        inOrder(e.changeSeq);
      }
      // My own acks from another tab: don't send them again.
      if (e.readSeq !== undefined && e.deliveredSeq !== undefined) {
        noteServerMarks(id, { deliveredSeq: e.deliveredSeq, readSeq: e.readSeq });
      }
    },
    [EVENTS.messageChanged]: (e: MessageChangedEvent) => {
      if (e.conversationId !== id) return;
      if (!e.message) return void catchUp();
      const changed = e.reaction
        ? { ...e.message, reactions: withMyToggle(e.message.reactions, e.reaction, meId) }
        : e.message;
      const held = latest.current.messages.some((m) => !m.local && m.seq === changed.seq);
      // An edit to a message I don't hold isn't on my screen: it mustn't count as seen.
      if (!held && changed.editSeq !== undefined) input.onEditOutOfView(changed.editSeq);
      void update((d) => withChanges(d, [changed]));
      inOrder(e.changeSeq);
    },
    [EVENTS.messageHidden]: (e: MessageHiddenEvent) => {
      if (e.conversationId !== id) return;
      void update((d) => withoutMessage(d, e.seq));
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
