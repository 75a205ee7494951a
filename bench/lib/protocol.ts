// What the orchestrator and the client workers say to each other, and what workers record.

/** How recipients acknowledge: coalesced watermarks (the app), one request per message (the
 * tutorial's scheme), or not at all (warm-up and the fan-out check). */
export type Mode = "watermark" | "per-message" | "none";

export type UserInfo = { id: string; username: string; password: string };
export type ConversationInfo = { id: string; kind: "direct" | "group"; memberIds: string[] };

/** One message to send: who, where, and when the user "hits Enter" (epoch ms, shared clock). */
export type PlannedSend = {
  at: number;
  userId: string;
  conversationId: string;
  clientId: string;
  body: string;
};

export type RunOptions = {
  mode: Mode;
  sends: PlannedSend[];
  readDelayMs: number;
  /** The coalescer's policy (the app's: APP_ACK_POLICY in lib/core/ack-coalescer.ts). */
  ackWindowMs: number;
};

export type WorkerRequest =
  | {
      type: "init";
      appUrl: string;
      realtimePort: number;
      key: string;
      users: UserInfo[];
      conversations: ConversationInfo[];
    }
  | ({ type: "run" } & RunOptions)
  | { type: "status" }
  | { type: "collect" }
  | { type: "clock" }
  | { type: "close" };

export type WorkerStatus = {
  sendsPending: number;
  acksIdle: boolean;
  lastEventAt: number;
  /** Sent messages whose senders haven't yet heard they were read by all: the run isn't over. */
  unconfirmed: number;
};

export type SendRecord = {
  clientId: string;
  conversationId: string;
  userId: string;
  /** When the user hit Enter; `start` is when the request left (later if an earlier send was slow). */
  at: number;
  start: number;
  end: number;
  status: number;
  seq: number | null;
};

/** [recipient, conversation, seq, clientId, time] for each new message a client got. */
export type ReceiveRecord = [string, string, number, string, number];
/** [sender, conversation, seq, recipients, delivered, read, time] for each receipt a sender got. */
export type ReceiptRecord = [string, string, number, number, number, number, number];

export type RequestCounts = {
  send: number;
  /** Batch ack requests (`POST /api/delivered`, the app's way): one carries every conversation. */
  ack: number;
  /** Per-conversation ack requests (the tutorial scheme: one per message and kind). */
  delivered: number;
  read: number;
  failed: number;
  /** Acks that could not move anything: the same client had already asked for as much… */
  repeated: number;
  /** …or a delivered ack for the client's own latest message (sending already moved it). */
  ownMessage: number;
};

export type WorkerLog = {
  sends: SendRecord[];
  receives: ReceiveRecord[];
  receipts: ReceiptRecord[];
  requests: RequestCounts;
  errors: string[];
};

/** The bench's realtime server as the browser config names it: this machine, plain ws. */
export const localRealtime = (port: number) => ({
  cluster: "",
  wsHost: "127.0.0.1",
  wsPort: port,
  forceTLS: false,
});

/** Wall-clock time with sub-millisecond resolution, comparable across the bench's processes. */
export const now = () => performance.timeOrigin + performance.now();
