// Pure updates of the conversation list's cache.
import type { ConversationSummary, ConversationUpdatedEvent } from "@/lib/core/types";

export type InboxList = { conversations: ConversationSummary[] };

export function patchList(list: InboxList, e: ConversationUpdatedEvent): InboxList {
  const found = list.conversations.find((c) => c.id === e.conversationId);
  if (!found) return list;
  const newer = e.lastSeq >= found.lastSeq;
  const updated: ConversationSummary = {
    ...found,
    lastSeq: Math.max(found.lastSeq, e.lastSeq),
    lastMessage: newer && e.lastMessage !== undefined ? e.lastMessage : found.lastMessage,
    unreadCount: newer ? e.unreadCount : found.unreadCount,
  };
  const rest = list.conversations.filter((c) => c.id !== e.conversationId);
  // New activity moves a conversation to the top; a read elsewhere only changes its badge.
  return {
    conversations: e.lastMessage
      ? [updated, ...rest]
      : list.conversations.map((c) => (c.id === found.id ? updated : c)),
  };
}

/** The server's watermarks after one of my acks: the badge can only go down. */
export function applyAck(
  list: InboxList,
  conversationId: string,
  marks: { deliveredSeq: number; readSeq: number },
): InboxList {
  return {
    conversations: list.conversations.map((c) =>
      c.id === conversationId
        ? {
            ...c,
            deliveredSeq: Math.max(c.deliveredSeq, marks.deliveredSeq),
            unreadCount: Math.min(c.unreadCount, Math.max(0, c.lastSeq - marks.readSeq)),
          }
        : c,
    ),
  };
}
