import type { Attachment } from "./attachments";
import type { ConversationKind, MessageStatus, Receipts } from "./status";

export type { Attachment } from "./attachments";

// The API's shapes (docs/architecture.md, "HTTP API"), shared by route handlers, server components and the browser.

export type User = { id: string; username: string; name: string };

export type Message = {
  id: string;
  conversationId: string;
  seq: number;
  sender: User;
  /** The text; with attachments, their caption (may then be empty). */
  body: string;
  clientId: string;
  createdAt: string;
  /** Pictures and files, in order; absent when there are none. */
  attachments?: Attachment[];
  /** Only on the caller's own messages. */
  status?: MessageStatus;
  receipts?: Receipts;
};

export type ConversationSummary = {
  id: string;
  kind: ConversationKind;
  /** The group's title, "Lobby", or for a direct chat the other member's name. */
  title: string;
  /** A direct chat's two members; empty for groups and the lobby (memberCount says how many). */
  members: User[];
  memberCount: number;
  lastMessage: Message | null;
  lastSeq: number;
  unreadCount: number;
  /** The caller's own watermarks: the client acks only what the server doesn't have yet. */
  deliveredSeq: number;
  readSeq: number;
};

export type ConversationDetail = {
  conversation: ConversationSummary;
  /** The latest page, ascending; the caller's own messages carry their receipts. */
  messages: Message[];
  hasMore: boolean;
  me: { id: string; shareReadReceipts: boolean };
};

/** The receipts of some of one sender's messages, absolute: counts only grow, so the larger wins. */
export type MessageReceipts = { seq: number } & Receipts;

/** To a sender, when someone's watermark passed some of their messages. */
export type ReceiptsEvent = { conversationId: string; receipts: MessageReceipts[] };

/**
 * To each member's own channel: a new message (`lastMessage`), a new conversation (`lastMessage:
 * null`), or — to the user's other tabs — their own watermarks after an ack (`readSeq`…).
 */
export type ConversationUpdatedEvent = {
  conversationId: string;
  lastSeq: number;
  lastMessage?: Message | null;
  deliveredSeq?: number;
  readSeq?: number;
  unreadCount?: number;
};

/** Message info: when one recipient got a message and read it (null: not yet, or private). */
export type RecipientReceipt = { user: User; deliveredAt: string | null; readAt: string | null };

/** One page of a message's recipients (message info), in the order they joined. */
export type MessageInfo = {
  message: Message;
  recipients: RecipientReceipt[];
  /** Where the next page starts, or null at the end. */
  next: string | null;
};

/** One entry of a batch ack (`POST /api/delivered`): my watermarks there, or why not. */
export type AckResult =
  | { conversationId: string; deliveredSeq: number; readSeq: number }
  | { conversationId: string; error: { code: string; message: string } };
