// What the soak's orchestrator and its client processes say to each other, and what the clients
// write down. Clients get killed, so what must outlive them is written to files in their own
// folder (the browser's IndexedDB and cookies, and the logs the checker reads); the rest is asked
// over IPC.
import type { Receipts } from "../../lib/core/status";

export type ChaosUserInfo = { id: string; username: string; password: string; index: number };
export type ChaosConversation = { id: string; kind: "direct" | "group"; memberIds: string[] };

/** A message the person will type: when (ms after the start), where, and what. */
export type TypedSend = { at: number; conversationId: string; body: string };

/** Everything a client process needs, in `config.json` of its folder (read again on a restart). */
export type ClientConfig = {
  dir: string;
  appUrl: string;
  realtimePort: number;
  key: string;
  user: ChaosUserInfo;
  conversations: ChaosConversation[];
  sends: TypedSend[];
  /** Epoch ms the typing starts from; set (and the file rewritten) when the run begins. */
  startAt?: number;
  /** Read a message this long after holding it (a random point in the range)… */
  readDelayMs: [number, number];
  /** …except in these conversations, which this person never reads. */
  ignores: string[];
  /** A failed message (no answer while online, a server error) is retried by the person after this. */
  retryTapMs: [number, number];
  seed: number;
};

export type ClientRequest =
  | { type: "begin"; startAt: number }
  | { type: "network"; down: boolean }
  | { type: "digest" }
  | { type: "view" }
  | { type: "stop-typing" }
  | { type: "flush" }
  | { type: "close" };

/** One conversation as a client shows it. `own`: my messages' receipts and status, by seq. */
export type ConversationView = {
  id: string;
  /** The list's figures (its badge). */
  lastSeq: number;
  unreadCount: number;
  deliveredSeq: number;
  readSeq: number;
  /** The confirmed messages held, in order: [seq, id]. */
  messages: [number, string][];
  own: [number, Receipts & { status: string }][];
};

/** A client's state, asked for again and again while the system converges. */
export type ClientDigest = {
  user: string;
  conversations: ConversationView[];
  outbox: { queued: number; failed: number; refused: number };
  /** Nothing left to do: no ack waiting or on the wire, no catch-up running, online and subscribed. */
  quiet: boolean;
  subscribed: boolean;
};

/** A stored message as the final comparison sees it, on a client or in the database. */
export type HeldMessage = {
  conversationId: string;
  seq: number;
  id: string;
  senderId: string;
  clientId: string;
  body: string;
};

/** The full messages a client holds, for the final comparison with the database. */
export type ClientView = { user: string; messages: HeldMessage[] };

// The files each client keeps in its folder.
export const FILES = {
  config: "config.json",
  /** The browser's IndexedDB: the outbox. */
  outbox: "outbox.json",
  /** The browser's cookie jar. */
  cookies: "cookies.txt",
  /** Every message the person typed (written when it was queued), one JSON line each. */
  journal: "journal.jsonl",
  /** Every answer to a send. */
  answers: "answers.jsonl",
  /** Every request: what, its status (0: no answer), when it started and ended. */
  requests: "requests.jsonl",
  /** Watermarks and receipt counts seen in answers, with when the request started and ended. */
  observations: "observations.jsonl",
  /** What happened to the client: starts, network drops and returns, subscriptions. */
  events: "events.jsonl",
} as const;

export type JournalLine = { clientId: string; conversationId: string; body: string; at: number };

export type AnswerLine = {
  clientId: string;
  conversationId: string;
  status: number;
  seq?: number;
  code?: string;
  retryAfter?: number;
  start: number;
  end: number;
};

export type RequestKind = "send" | "ack" | "list" | "conversation" | "messages" | "pusher-auth" | "sign-in";

export type RequestLine = {
  kind: RequestKind;
  status: number;
  retryAfter?: boolean;
  start: number;
  end: number;
};

/**
 * A value that may only grow, as one answer showed it: a member's watermark (`mark` = delivered |
 * read, `key` = conversation|user), or a count of one of my messages' receipts (`mark` =
 * delivered | read | recipients, `key` = conversation|seq).
 */
export type ObservationLine = {
  source: "ack" | "list" | "conversation" | "send" | "db";
  key: string;
  mark: string;
  value: number;
  start: number;
  end: number;
};

export type EventLine = { at: number; what: string; detail?: unknown };
