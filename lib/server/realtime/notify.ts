import "server-only";
import { EVENTS, userChannel } from "@/lib/core/realtime/channels";
import type { ConversationUpdatedEvent, Message, MessageReceipts, ReceiptsEvent } from "@/lib/core/types";
import { publish, type OutgoingEvent } from "./publish";

// Who hears what (docs/architecture.md, "Realtime events"): each member one frame per message, on
// their own channel; receipts only to the senders whose messages they concern.

// A receipts event stays far below Pusher's 10 KB with this many entries (≈ 60 bytes each).
const RECEIPTS_PER_EVENT = 50;

/**
 * After a send: one event to every member's own channel (the open chat and the list both follow
 * it), identical for all of them, so the fan-out costs one request per 100 members. The sending
 * tab already has the message and is left out; the sender's other tabs are not.
 */
export async function notifyMessageCreated(input: {
  message: Message;
  memberIds: string[];
  socketId?: string;
}) {
  const { message, memberIds, socketId } = input;
  const data: ConversationUpdatedEvent = {
    conversationId: message.conversationId,
    lastSeq: message.seq,
    lastMessage: message,
  };
  await publish([{ channels: memberIds.map(userChannel), name: EVENTS.conversationUpdated, data, socketId }]);
}

/** New receipts for some senders' messages: to each of those senders, and nobody else. */
export async function notifyReceipts(conversationId: string, bySender: Map<string, MessageReceipts[]>) {
  const events: OutgoingEvent[] = [];
  for (const [senderId, receipts] of bySender) {
    for (let i = 0; i < receipts.length; i += RECEIPTS_PER_EVENT) {
      const data: ReceiptsEvent = { conversationId, receipts: receipts.slice(i, i + RECEIPTS_PER_EVENT) };
      events.push({ channels: [userChannel(senderId)], name: EVENTS.receiptsUpdated, data });
    }
  }
  await publish(events);
}

/** My own watermarks moved (a read): my other tabs' badges follow. Not back to the acking tab. */
export async function notifyOwnMarks(userId: string, marks: ConversationUpdatedEvent[], socketId?: string) {
  await publish(
    marks.map((data) => ({
      channels: [userChannel(userId)],
      name: EVENTS.conversationUpdated,
      data,
      socketId,
    })),
  );
}

/** A new conversation: its other members' lists learn of it (they refetch on an unknown id). */
export async function notifyConversationCreated(input: { conversationId: string; memberIds: string[] }) {
  const data: ConversationUpdatedEvent = {
    conversationId: input.conversationId,
    lastSeq: 0,
    lastMessage: null,
  };
  await publish([{ channels: input.memberIds.map(userChannel), name: EVENTS.conversationUpdated, data }]);
}
