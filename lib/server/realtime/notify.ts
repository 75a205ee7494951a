import "server-only";
import { EVENTS, userChannel } from "@/lib/core/realtime/channels";
import type {
  ConversationUpdatedEvent,
  Message,
  MessageChangedEvent,
  MessageHiddenEvent,
  MessageReceipts,
  ReceiptsEvent,
} from "@/lib/core/types";
import { EVENT_DATA_MAX_BYTES, publish, type OutgoingEvent } from "./publish";

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
    changeSeq: message.changeSeq,
  };
  await publish([{ channels: memberIds.map(userChannel), name: EVENTS.conversationUpdated, data, socketId }]);
}

/**
 * A message changed (edited, deleted, reacted to): every member hears it on their own channel —
 * not as a new message (no unread count, no notification). Deleted text isn't in it.
 */
export async function notifyMessageChanged(input: {
  memberIds: string[];
  event: MessageChangedEvent;
  socketId?: string;
}) {
  const { memberIds, socketId } = input;
  // A message with a long text and many reactions may not fit one event: then only where it sits
  // in the change order travels, and clients fetch the change (a hole they fill like any other).
  const fits = Buffer.byteLength(JSON.stringify(input.event)) < EVENT_DATA_MAX_BYTES;
  const event: MessageChangedEvent = fits
    ? input.event
    : { conversationId: input.event.conversationId, changeSeq: input.event.changeSeq };
  await publish([
    { channels: memberIds.map(userChannel), name: EVENTS.messageChanged, data: event, socketId },
  ]);
}

/**
 * A group's system line (renamed, members added or removed): to every member like a new message,
 * with what changed; to someone who just left, marked so (their last event from it).
 */
export async function notifyMembershipLine(input: {
  memberIds: string[];
  leaverId?: string;
  line: Message;
  title?: string;
  memberCount?: number;
}) {
  const { line } = input;
  const data: ConversationUpdatedEvent = {
    conversationId: line.conversationId,
    lastSeq: line.seq,
    lastMessage: line,
    changeSeq: line.changeSeq,
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.memberCount !== undefined ? { memberCount: input.memberCount } : {}),
  };
  const events: OutgoingEvent[] = [
    { channels: input.memberIds.map(userChannel), name: EVENTS.conversationUpdated, data },
  ];
  if (input.leaverId) {
    events.push({
      channels: [userChannel(input.leaverId)],
      name: EVENTS.conversationUpdated,
      data: { ...data, left: true },
    });
  }
  await publish(events);
}

/** I deleted a message for me: my other tabs drop it too. */
export async function notifyMessageHidden(userId: string, event: MessageHiddenEvent, socketId?: string) {
  await publish([{ channels: [userChannel(userId)], name: EVENTS.messageHidden, data: event, socketId }]);
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
