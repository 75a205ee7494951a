"use client";
// The open conversation's channel: new messages and receipts patch the cache; a hole in the seqs,
// an unknown member or a (re)subscription means events were missed, and catch-up repairs it.
import type { RefObject } from "react";
import { EVENTS, conversationChannel } from "@/lib/core/realtime/channels";
import type { Message, ReceiptsEvent } from "@/lib/core/types";
import { noteServerMarks } from "@/lib/client/ack-queue";
import { useChannel } from "@/lib/client/realtime/use-channel";
import type { Update } from "./cache";
import { applyReceipts, hasGap, mergeMessages, type ClientDetail } from "./merge";

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
  return useChannel(conversationChannel(id), {
    [EVENTS.messageCreated]: ({ message }: { message: Message }) => {
      input.onMessage(message);
      if (hasGap(latest.current.messages, message.seq)) return void catchUp();
      const known = latest.current.members.some((m) => m.user.id === message.sender.id);
      void update((d) => ({ ...d, messages: mergeMessages(d.messages, [message]) }));
      // Sent from my other tab: the server already moved my watermarks to it.
      if (message.sender.id === meId)
        noteServerMarks(id, { deliveredSeq: message.seq, readSeq: message.seq });
      else input.onHeld(message.seq);
      if (!known) void catchUp();
    },
    [EVENTS.receiptsUpdated]: (event: ReceiptsEvent) => {
      const members = applyReceipts(latest.current.members, event);
      // Someone we don't know yet (joined the lobby after we loaded): refetch members.
      if (!members) void catchUp();
      else if (members !== latest.current.members) {
        void update((d) => ({ ...d, members: applyReceipts(d.members, event) ?? d.members }));
      }
    },
    // First subscribe and every re-subscribe after a reconnect: fetch what we may have missed.
    "pusher:subscription_succeeded": () => void catchUp(),
  });
}
