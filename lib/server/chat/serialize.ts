import "server-only";
import type { ConversationSummaryRow, MessageRow } from "@/lib/server/db/conversations";
import { receiptsFor, statusOf, type ConversationKind, type VisibleWatermarks } from "@/lib/core/status";
import type { ConversationSummary, Message } from "@/lib/core/types";
import { unreadCount } from "@/lib/core/watermarks";
import { toAttachment } from "./attachments";

/** A message as the API shows it; with `watermarks`, the viewer's own messages carry their status. */
export function toMessage(row: MessageRow, viewerId?: string, watermarks?: VisibleWatermarks[]): Message {
  const message: Message = {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    sender: row.sender,
    body: row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
  };
  if (row.attachments.length > 0) message.attachments = row.attachments.map(toAttachment);
  if (watermarks && row.sender.id === viewerId) {
    const receipts = receiptsFor({ seq: row.seq, senderId: row.sender.id }, watermarks);
    message.receipts = receipts;
    message.status = statusOf(receipts);
  }
  return message;
}

export function toSummary(
  row: ConversationSummaryRow,
  viewerId: string,
  mine: { readSeq: number; deliveredSeq: number },
): ConversationSummary {
  const members = row.members.map((m) => m.user);
  const last = row.messages[0];
  return {
    id: row.id,
    kind: row.kind as ConversationKind,
    title: titleFor(row, members, viewerId),
    members,
    memberCount: row._count.members,
    lastMessage: last ? toMessage(last) : null,
    lastSeq: row.lastSeq,
    unreadCount: unreadCount(row.lastSeq, mine.readSeq),
    deliveredSeq: mine.deliveredSeq,
  };
}

function titleFor(row: ConversationSummaryRow, members: { id: string; name: string }[], viewerId: string) {
  if (row.kind === "direct") {
    return members.find((m) => m.id !== viewerId)?.name ?? "Direct message";
  }
  return row.title ?? (row.kind === "lobby" ? "Lobby" : "Group");
}
