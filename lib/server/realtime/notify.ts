import "server-only";
import type { ConversationUpdatedEvent, Message, ReceiptsEvent } from "@/lib/core/types";
import { unreadCount } from "@/lib/core/watermarks";
import { EVENTS, conversationChannel, userChannel } from "@/lib/core/realtime/channels";
import { publish, type OutgoingEvent } from "./publish";

type Recipient = { userId: string; readSeq: number };

/**
 * After a send: the message to the conversation's channel (not back to the sending tab), the
 * sender's moved watermarks, and each member's inbox line. Members with the same unread count
 * get one event for all of them, so fan-out costs one request per distinct count, not per member.
 */
export async function notifyMessageCreated(input: {
  message: Message;
  members: Recipient[];
  senderReceipts: ReceiptsEvent;
  socketId?: string;
}) {
  const { message, socketId } = input;
  const events: OutgoingEvent[] = [
    {
      channels: [conversationChannel(message.conversationId)],
      name: EVENTS.messageCreated,
      data: { message },
      socketId,
    },
    {
      channels: [conversationChannel(message.conversationId)],
      name: EVENTS.receiptsUpdated,
      data: input.senderReceipts,
      socketId,
    },
  ];
  const byUnread = new Map<number, string[]>();
  for (const m of input.members) {
    const readSeq = m.userId === message.sender.id ? message.seq : m.readSeq;
    const count = unreadCount(message.seq, readSeq);
    byUnread.set(count, [...(byUnread.get(count) ?? []), userChannel(m.userId)]);
  }
  for (const [count, channels] of byUnread) {
    const data: ConversationUpdatedEvent = {
      conversationId: message.conversationId,
      lastSeq: message.seq,
      lastMessage: message,
      unreadCount: count,
    };
    // Not excluding the sending socket here: the sender's own list (in that tab too) follows it.
    events.push({ channels, name: EVENTS.conversationUpdated, data });
  }
  await publish(events);
}

/** After an ack moved a watermark: everyone in the conversation, and the acker's other tabs. */
export async function notifyReceipts(input: {
  receipts: ReceiptsEvent;
  inbox?: ConversationUpdatedEvent;
  socketId?: string;
}) {
  const events: OutgoingEvent[] = [
    {
      channels: [conversationChannel(input.receipts.conversationId)],
      name: EVENTS.receiptsUpdated,
      data: input.receipts,
      socketId: input.socketId,
    },
  ];
  if (input.inbox) {
    events.push({
      channels: [userChannel(input.receipts.userId)],
      name: EVENTS.conversationUpdated,
      data: input.inbox,
      socketId: input.socketId,
    });
  }
  await publish(events);
}

/** A new conversation: its other members' lists learn of it (they refetch on an unknown id). */
export async function notifyConversationCreated(input: { conversationId: string; memberIds: string[] }) {
  const data: ConversationUpdatedEvent = {
    conversationId: input.conversationId,
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
  };
  await publish([{ channels: input.memberIds.map(userChannel), name: EVENTS.conversationUpdated, data }]);
}

/** The same user's watermarks re-announced in many conversations (e.g. after a privacy change). */
export async function notifyReceiptsMany(receipts: ReceiptsEvent[]) {
  await publish(
    receipts.map((r) => ({
      channels: [conversationChannel(r.conversationId)],
      name: EVENTS.receiptsUpdated,
      data: r,
    })),
  );
}
