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

export type MemberState = {
  user: User;
  joinedSeq: number;
  deliveredSeq: number;
  /** null where privacy hides it from the caller. */
  readSeq: number | null;
  deliveredAt: string | null;
  readAt: string | null;
};

export type ConversationSummary = {
  id: string;
  kind: ConversationKind;
  /** The group's title, "Lobby", or for a direct chat the other member's name. */
  title: string;
  members: User[];
  memberCount: number;
  lastMessage: Message | null;
  lastSeq: number;
  unreadCount: number;
  /** The caller's own delivered watermark: the client acks on load only what it hasn't yet. */
  deliveredSeq: number;
};

export type ConversationDetail = {
  conversation: ConversationSummary;
  members: MemberState[];
  messages: Message[];
  hasMore: boolean;
  me: { id: string; shareReadReceipts: boolean };
};

export type ReceiptsEvent = {
  conversationId: string;
  userId: string;
  deliveredSeq: number;
  readSeq: number | null;
};

export type ConversationUpdatedEvent = {
  conversationId: string;
  lastSeq: number;
  /** Absent when only the unread count changed (an ack from another tab). */
  lastMessage?: Message | null;
  unreadCount: number;
};

/** Message info: when one recipient got a message and read it (null: not yet, or private). */
export type RecipientReceipt = { user: User; deliveredAt: string | null; readAt: string | null };
