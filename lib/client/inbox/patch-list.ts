// Pure updates of the conversation list's cache.
import type { ConversationSummary, ConversationUpdatedEvent, MessageChangedEvent } from "@/lib/core/types";
import { unreadCount } from "@/lib/core/watermarks";

export type InboxList = { conversations: ConversationSummary[] };

/**
 * Applies a conversation.updated event. A new message moves the conversation to the top and its
 * unread count follows from my read watermark (my own message moved it to the end); my own acks
 * from another tab move my watermarks. Nothing ever goes back: older events change nothing.
 */
export function patchList(list: InboxList, e: ConversationUpdatedEvent, meId: string): InboxList {
  const found = list.conversations.find((c) => c.id === e.conversationId);
  if (!found) return list;
  const lastSeq = Math.max(found.lastSeq, e.lastSeq);
  const mine = e.lastMessage?.sender.id === meId && e.lastSeq >= found.lastSeq;
  const readSeq = Math.max(found.readSeq, e.readSeq ?? 0, mine ? e.lastSeq : 0);
  const deliveredSeq = Math.max(found.deliveredSeq, e.deliveredSeq ?? 0, readSeq);
  const updated: ConversationSummary = {
    ...found,
    lastSeq,
    lastMessage: e.lastMessage && e.lastSeq >= found.lastSeq ? e.lastMessage : found.lastMessage,
    readSeq,
    deliveredSeq,
    unreadCount: unreadCount(lastSeq, readSeq),
    ...(e.title !== undefined ? { title: e.title } : {}),
    ...(e.memberCount !== undefined ? { memberCount: e.memberCount } : {}),
    ...(e.left ? { role: null } : {}),
  };
  const rest = list.conversations.filter((c) => c.id !== e.conversationId);
  // New activity moves a conversation to the top; a read elsewhere only changes its badge.
  return {
    conversations: e.lastMessage
      ? [updated, ...rest]
      : list.conversations.map((c) => (c.id === found.id ? updated : c)),
  };
}

/** A message changed (edited, deleted, reacted to): the preview follows if it is the last one. */
export function patchPreview(list: InboxList, e: MessageChangedEvent): InboxList {
  let changed = false;
  const message = e.message;
  // Too large to travel: the list's next refetch brings it.
  if (!message) return list;
  const conversations = list.conversations.map((c) => {
    const last = c.lastMessage;
    if (c.id !== e.conversationId || !last || last.seq !== message.seq || last.changeSeq > e.changeSeq)
      return c;
    changed = true;
    return { ...c, lastMessage: message };
  });
  return changed ? { conversations } : list;
}

/** The server's watermarks after one of my acks: the badge can only go down. Nothing new: the same list. */
export function applyAck(
  list: InboxList,
  conversationId: string,
  marks: { deliveredSeq: number; readSeq: number },
): InboxList {
  const found = list.conversations.find((c) => c.id === conversationId);
  if (!found || (found.deliveredSeq >= marks.deliveredSeq && found.readSeq >= marks.readSeq)) return list;
  return {
    conversations: list.conversations.map((c) =>
      c === found
        ? {
            ...c,
            deliveredSeq: Math.max(c.deliveredSeq, marks.deliveredSeq),
            readSeq: Math.max(c.readSeq, marks.readSeq),
            unreadCount: unreadCount(c.lastSeq, Math.max(c.readSeq, marks.readSeq)),
          }
        : c,
    ),
  };
}
