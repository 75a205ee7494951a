import "server-only";
import { statusOf, type ConversationKind, type Receipts } from "@/lib/core/status";
import type { ConversationSummary, Message } from "@/lib/core/types";
import { unreadCount } from "@/lib/core/watermarks";
import type { SummaryRow } from "@/lib/server/db/conversations";
import type { MessageRow } from "@/lib/server/db/messages";
import { toAttachment } from "./attachments";

/** A message as the API shows it; with `receipts` (the viewer's own messages), its status too. */
export function toMessage(row: MessageRow, receipts?: Receipts): Message {
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
  if (receipts) {
    message.receipts = receipts;
    message.status = statusOf(receipts);
  }
  return message;
}

export function toSummary(row: SummaryRow): ConversationSummary {
  const kind = row.kind as ConversationKind;
  const members = kind === "direct" && row.other ? [row.me, row.other] : [];
  return {
    id: row.id,
    kind,
    title:
      kind === "direct"
        ? (row.other?.name ?? "Direct message")
        : (row.title ?? (kind === "lobby" ? "Lobby" : "Group")),
    members,
    memberCount: row.memberCount,
    lastMessage: row.lastMessage ? toMessage(row.lastMessage) : null,
    lastSeq: row.lastSeq,
    unreadCount: unreadCount(row.lastSeq, row.readSeq),
    deliveredSeq: row.deliveredSeq,
    readSeq: row.readSeq,
  };
}
