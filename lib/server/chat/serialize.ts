import "server-only";
import { statusOf, type ConversationKind, type Receipts } from "@/lib/core/status";
import type { ConversationSummary, Message, Quote, ReactionSummary, SystemLine } from "@/lib/core/types";
import { QUOTE_MAX_CHARS } from "@/lib/core/validations/limits";
import { previewOf } from "@/lib/core/preview";
import { unreadCount } from "@/lib/core/watermarks";
import type { SummaryRow } from "@/lib/server/db/conversations";
import type { MessageRow } from "@/lib/server/db/messages";
import { toAttachment } from "./attachments";

/** What a message carries beyond its row, for the viewer. */
export type MessageExtras = {
  /** The viewer's own message: its receipts (and so its status). */
  receipts?: Receipts;
  /** The viewer's own edited message: recipients who saw the edit. */
  editSeen?: number;
  replyTo?: Quote;
  reactions?: ReactionSummary[];
};

/** A message as the API shows it. A deleted one is a tombstone: no text, no quote, no reactions. */
export function toMessage(row: MessageRow, extras: MessageExtras = {}): Message {
  const message: Message = {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    sender: row.sender,
    body: row.deletedAt ? "" : row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    changeSeq: row.changeSeq,
  };
  if (row.kind === "system" && row.system) {
    message.system = JSON.parse(row.system) as SystemLine;
    return message;
  }
  if (row.deletedAt) {
    // A tombstone carries no files: their rows were detached and their objects deleted with it.
    message.deleted = true;
  } else {
    if (row.attachments.length > 0) message.attachments = row.attachments.map(toAttachment);
    if (row.editedAt) message.editedAt = row.editedAt.toISOString();
    if (row.editSeq !== null) message.editSeq = row.editSeq;
    if (extras.replyTo) message.replyTo = extras.replyTo;
    if (extras.reactions?.length) message.reactions = extras.reactions;
    if (row.editSeq !== null && extras.editSeen !== undefined) message.editSeen = extras.editSeen;
  }
  if (extras.receipts) {
    message.receipts = extras.receipts;
    message.status = statusOf(extras.receipts);
  }
  return message;
}

/** What a reply shows of the message it answers: its first line, or that it was deleted. */
export function toQuote(row: MessageRow): Quote {
  const deleted = row.deletedAt !== null;
  // A photo without a caption is quoted as "📷 Photo", as the list previews it.
  const first = row.body.split("\n")[0] ?? "";
  const line = deleted ? "" : previewOf({ body: first, attachments: row.attachments.map(toAttachment) });
  const chars = [...line];
  return {
    seq: row.seq,
    sender: row.sender,
    text: chars.length > QUOTE_MAX_CHARS ? `${chars.slice(0, QUOTE_MAX_CHARS - 1).join("")}…` : line,
    deleted,
  };
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
    changeSeq: row.changeSeq,
    unreadCount: unreadCount(row.lastSeq, row.readSeq),
    role: row.role === "admin" ? "admin" : row.role === null ? null : "member",
    deliveredSeq: row.deliveredSeq,
    readSeq: row.readSeq,
  };
}

/**
 * A message as every member may hear it in one identical event: without what only its viewer has
 * (their receipts, who saw the edit, whether they reacted) — each client keeps its own of those.
 */
export function forEveryone(message: Message): Message {
  const copy: Message = { ...message };
  delete copy.receipts;
  delete copy.status;
  delete copy.editSeen;
  if (copy.reactions) copy.reactions = copy.reactions.map(({ me: _, ...r }) => r);
  return copy;
}
