import type { Attachment } from "./attachments";
import type { ConversationKind, MessageStatus, Receipts } from "./status";

export type { Attachment } from "./attachments";

// The API's shapes (docs/architecture.md, "HTTP API"), shared by route handlers, server components and the browser.

export type User = { id: string; username: string; name: string };

/** What a system line says (the UI words it): someone added, removed, left, renamed. */
export type SystemLine =
  { type: "added" | "removed"; targets: User[] } | { type: "left" } | { type: "renamed"; title: string };

/** The message a reply quotes, as it is now: a deleted one says so and shows nothing. */
export type Quote = { seq: number; sender: User; text: string; deleted: boolean };

/** One emoji's reactions on a message: how many, and (the first few of) who. */
/**
 * One emoji's reactions on a message: how many, the first people (REACTION_USERS_SHOWN), and
 * whether the viewer is among them all (`me`; absent in an event, which is the same for everyone).
 */
export type ReactionSummary = { emoji: string; count: number; users: User[]; me?: boolean };

export type Message = {
  id: string;
  conversationId: string;
  seq: number;
  /** For a system line, the member who did it. */
  sender: User;
  /** The text; with attachments, their caption (may then be empty). Empty once deleted for everyone. */
  body: string;
  clientId: string;
  createdAt: string;
  /** The change sequence of the last thing that happened to it (docs/architecture.md, "Changes"). */
  changeSeq: number;
  /** Present on a system line ("Alice added Dana"), which has no status or actions. */
  system?: SystemLine;
  replyTo?: Quote;
  editedAt?: string;
  /** On an edited message: the change seq of its latest edit (what "seen the edit" is counted against). */
  editSeq?: number;
  /** Deleted for everyone: a tombstone that keeps its place and seq. */
  deleted?: true;
  reactions?: ReactionSummary[];
  /** Pictures and files, in order; absent when there are none (and once deleted for everyone). */
  attachments?: Attachment[];
  /** Only on the caller's own messages. */
  status?: MessageStatus;
  receipts?: Receipts;
  /** On the caller's own edited messages: recipients who have had the edited text on screen. */
  editSeen?: number;
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
  /** The latest change sequence: where catching up on changes starts from. */
  changeSeq: number;
  unreadCount: number;
  /** "admin" may rename the group and add or remove members; null once no longer a member. */
  role: "admin" | "member" | null;
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
  /**
   * Others' edits I'm not yet counted as having seen (their change seqs, oldest first, at most
   * 50): my "seen the edit" ack must stay below the oldest one until it has been on screen.
   */
  unseenEdits: number[];
  /**
   * A direct chat's other member's last seen, present only when both share theirs (reciprocal):
   * when their last realtime connection went, from the realtime server; null if never yet.
   */
  lastSeen?: { at: string | null };
};

/**
 * The receipts of some of one sender's messages, absolute: counts only grow, so the larger wins.
 * `editSeen`: on an edited message, how many recipients have had the edit on screen.
 */
export type MessageReceipts = { seq: number; editSeen?: number } & Receipts;

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
  /** With a new message: its change sequence (gap detection covers changes too). */
  changeSeq?: number;
  /** A group renamed or its members changed (with the system line that says so). */
  title?: string;
  memberCount?: number;
  /** To someone removed (or who left): they are no longer a member from this line on. */
  left?: true;
  deliveredSeq?: number;
  readSeq?: number;
  unreadCount?: number;
};

/**
 * To every member's own channel: a message changed (edited, deleted for everyone, reacted to). Not
 * a new message: no unread count moves, nobody is notified. Deleted text never travels.
 */
export type MessageChangedEvent = {
  conversationId: string;
  changeSeq: number;
  /** Absent when it wouldn't fit one event: fetch the change (GET …/changes). */
  message?: Message;
  /** A reaction toggled: by whom (the message's summaries don't say whether it was you). */
  reaction?: { userId: string; emoji: string; on: boolean };
};

/** To my own other tabs: I deleted a message for me. */
export type MessageHiddenEvent = { conversationId: string; seq: number };

/** GET /api/conversations/[id]/changes?after=: what changed since, oldest first. */
export type Changes = { messages: Message[]; changeSeq: number; hasMore: boolean };

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
