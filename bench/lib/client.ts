// One bench user, behaving as the app's browser client does: a signed-in HTTP session, one pusher-js
// connection on the user's own channel (which carries their messages and their receipts), sends
// that go out one after another per conversation, and receipt acks — batched by the app's own
// coalescer (watermark), or one request per message and kind (the tutorial scheme).
import Pusher from "pusher-js";
import type { AckResult, ConversationUpdatedEvent, Message, ReceiptsEvent } from "../../lib/core/types";
import { EVENTS, userChannel } from "../../lib/core/realtime/channels";
import { pusherClientOptions } from "../../lib/core/realtime/client-options";
import { AckCoalescer, APP_ACK_POLICY, type AckEntry, type AckMarks } from "../../lib/core/ack-coalescer";
import { signIn, type Session } from "./http";
import {
  localRealtime,
  now,
  type ConversationInfo,
  type PlannedSend,
  type RunOptions,
  type UserInfo,
  type WorkerLog,
} from "./protocol";

export function emptyLog(): WorkerLog {
  return {
    sends: [],
    receives: [],
    receipts: [],
    requests: { send: 0, ack: 0, delivered: 0, read: 0, failed: 0, repeated: 0, ownMessage: 0 },
    errors: [],
  };
}

/** Before the first run: a queue that never posts anything. */
const notRunning = () => {
  const queue = new AckCoalescer({
    post: () => Promise.reject(new Error("not running")),
    windowMs: 0,
    retryMs: 0,
  });
  queue.stop();
  return queue;
};

const record = ({ clientId, conversationId, userId, at }: PlannedSend) => ({
  clientId,
  conversationId,
  userId,
  at,
});

export class BenchUser {
  private pusher!: Pusher;
  private acks = notRunning();
  private options: Omit<RunOptions, "sends"> | undefined;
  private outboxes = new Map<string, Promise<void>>();
  private acksInFlight = 0;
  private readTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Per conversation: the highest seq this client acked per kind, and its own latest message. */
  private requested = new Map<string, { delivered: number; read: number }>();
  private ownSeq = new Map<string, number>();
  /** My sent messages not yet read by all their recipients (as far as I have heard): "conv|seq". */
  private awaitingReceipts = new Map<string, number>();
  /** …and those already heard read by all, in case that came before the answer to the send. */
  private readByAll = new Set<string>();
  sendsPending = 0;
  lastEventAt = 0;

  private constructor(
    readonly user: UserInfo,
    private readonly session: Session,
    private readonly log: () => WorkerLog,
  ) {}

  static async connect(input: {
    appUrl: string;
    realtimePort: number;
    key: string;
    user: UserInfo;
    conversations: ConversationInfo[];
    log: () => WorkerLog;
  }): Promise<BenchUser> {
    const session = await signIn(input.appUrl, input.user);
    const client = new BenchUser(input.user, session, input.log);
    client.pusher = new Pusher(
      input.key,
      pusherClientOptions(localRealtime(input.realtimePort), {
        endpoint: "/api/pusher/auth",
        transport: "ajax",
        // What pusher-js's ajax transport posts from a browser, with the session cookie.
        customHandler: ({ socketId, channelName }, callback) => {
          session
            .form<{ auth: string }>("/api/pusher/auth", { socket_id: socketId, channel_name: channelName })
            .then(({ status, json }) =>
              status === 200 ? callback(null, json) : callback(new Error(`auth ${status}`), null),
            )
            .catch((error: Error) => callback(error, null));
        },
      }),
    );
    await client.subscribe(userChannel(input.user.id));
    return client;
  }

  private subscribe(name: string): Promise<void> {
    const channel = this.pusher.subscribe(name);
    channel.bind(EVENTS.receiptsUpdated, (e: ReceiptsEvent) => {
      this.lastEventAt = now();
      for (const r of e.receipts) {
        const key = `${e.conversationId}|${r.seq}`;
        if (r.read >= r.recipients) {
          this.awaitingReceipts.delete(key);
          this.readByAll.add(key);
        }
        this.log().receipts.push([
          this.user.id,
          e.conversationId,
          r.seq,
          r.recipients,
          r.delivered,
          r.read,
          this.lastEventAt,
        ]);
      }
    });
    channel.bind(EVENTS.conversationUpdated, (e: ConversationUpdatedEvent) => {
      this.lastEventAt = now();
      // As the app (use-inbox.ts, events.ts): a message from someone else is held — delivered —
      // and read once on screen; my own (from another tab) needs nothing.
      if (e.lastMessage && e.lastMessage.sender.id !== this.user.id) this.onMessage(e.lastMessage);
    });
    return new Promise((resolve, reject) => {
      channel.bind("pusher:subscription_succeeded", () => resolve());
      channel.bind("pusher:subscription_error", (e: unknown) =>
        reject(new Error(`${name}: ${JSON.stringify(e)}`)),
      );
    });
  }

  private onMessage(message: Message) {
    const t = now();
    this.lastEventAt = t;
    this.log().receives.push([this.user.id, message.conversationId, message.seq, message.clientId, t]);
    const options = this.options;
    if (!options) return;
    const { conversationId: id, seq } = message;
    if (options.mode === "none") return;
    if (options.mode === "watermark") {
      this.acks.ack(id, "delivered", seq);
      this.later(options.readDelayMs, () => this.acks.ack(id, "read", seq));
    } else {
      // The tutorial's scheme: every message acknowledged on its own, delivered then read. A
      // refusal is already counted and logged by postAck.
      const ignore = () => {};
      this.postAck(id, "delivered", seq).catch(ignore);
      this.later(options.readDelayMs, () => this.postAck(id, "read", seq).catch(ignore));
    }
  }

  private later(ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      this.readTimers.delete(timer);
      fn();
    }, ms);
    this.readTimers.add(timer);
  }

  private async postAck(conversationId: string, kind: "delivered" | "read", upTo: number): Promise<AckMarks> {
    const log = this.log();
    log.requests[kind]++;
    this.classify(conversationId, kind, upTo);
    this.acksInFlight++;
    try {
      const { status, json } = await this.session.json<AckMarks>(
        "POST",
        `/api/conversations/${conversationId}/${kind}`,
        {
          upTo,
          socketId: this.pusher.connection.socket_id,
        },
      );
      if (status !== 200) {
        log.requests.failed++;
        log.errors.push(`${kind} ack ${status} ${JSON.stringify(json)}`);
        throw new Error(`ack ${status}`);
      }
      return json;
    } finally {
      this.acksInFlight--;
    }
  }

  /** Counts acks that can't move a watermark (the server answers them, publishing nothing). */
  private classify(conversationId: string, kind: "delivered" | "read", upTo: number) {
    const r = this.requested.get(conversationId) ?? { delivered: 0, read: 0 };
    const covered = kind === "read" ? r.read : Math.max(r.delivered, r.read);
    if (upTo <= covered) this.log().requests.repeated++;
    else if (kind === "delivered" && upTo <= (this.ownSeq.get(conversationId) ?? 0))
      this.log().requests.ownMessage++;
    this.requested.set(conversationId, { ...r, [kind]: Math.max(r[kind], upTo) });
  }

  /** The app's batch ack: every conversation's marks in one request. */
  private async postBatch(marks: AckEntry[]): Promise<AckResult[]> {
    const log = this.log();
    log.requests.ack++;
    for (const m of marks) {
      if (m.delivered) this.classify(m.conversationId, "delivered", m.delivered);
      if (m.read) this.classify(m.conversationId, "read", m.read);
    }
    this.acksInFlight++;
    try {
      const { status, json } = await this.session.json<{ results: AckResult[] }>("POST", "/api/delivered", {
        marks,
        socketId: this.pusher.connection.socket_id,
      });
      if (status !== 200) {
        log.requests.failed++;
        log.errors.push(`batch ack ${status} ${JSON.stringify(json)}`);
        throw new Error(`ack ${status}`);
      }
      return json.results;
    } finally {
      this.acksInFlight--;
    }
  }

  /** Starts a scenario: fresh ack state (from the server's watermarks) and the scheduled sends. */
  async run(options: Omit<RunOptions, "sends">, sends: PlannedSend[]) {
    this.acks.stop();
    // The app's own coalescing rules (lib/core/ack-coalescer.ts), with this run's policy.
    this.acks = new AckCoalescer({
      post: (marks) => this.postBatch(marks),
      windowMs: options.ackWindowMs,
      retryMs: APP_ACK_POLICY.retryMs,
    });
    const list = await this.session.json<{
      conversations: { id: string; deliveredSeq: number; readSeq: number }[];
    }>("GET", "/api/conversations");
    for (const c of list.json.conversations) {
      this.acks.noteServerMarks(c.id, { deliveredSeq: c.deliveredSeq, readSeq: c.readSeq });
    }
    this.options = options;
    this.sendsPending += sends.length;
    for (const send of sends) setTimeout(() => this.enqueue(send), Math.max(0, send.at - now()));
  }

  /** Own messages whose sender hasn't yet heard that every recipient read them. */
  get unconfirmed(): number {
    return this.awaitingReceipts.size;
  }

  get idle(): boolean {
    return this.acks.idle && this.acksInFlight === 0 && this.readTimers.size === 0;
  }

  /** Sends go out one after another per conversation, in order, as the app's outbox does. */
  private enqueue(send: PlannedSend) {
    const previous = this.outboxes.get(send.conversationId) ?? Promise.resolve();
    const next = previous.then(() => this.send(send));
    this.outboxes.set(send.conversationId, next);
  }

  private async send(send: PlannedSend) {
    const log = this.log();
    log.requests.send++;
    const start = now();
    try {
      const { status, json } = await this.session.json<{ message: Message }>(
        "POST",
        `/api/conversations/${send.conversationId}/messages`,
        { body: send.body, clientId: send.clientId, socketId: this.pusher.connection.socket_id },
      );
      const end = now();
      const seq = status === 201 ? json.message.seq : null;
      const recipients = json.message?.receipts?.recipients ?? 0;
      const key = `${send.conversationId}|${seq}`;
      if (seq !== null && recipients > 0 && this.options?.mode !== "none" && !this.readByAll.has(key)) {
        this.awaitingReceipts.set(key, recipients);
      }
      if (seq === null) {
        log.requests.failed++;
        log.errors.push(`send ${status} ${JSON.stringify(json)}`);
      } else {
        // What the app learns from its own send: sending moved its own watermarks to the message.
        this.acks.noteServerMarks(send.conversationId, { deliveredSeq: seq, readSeq: seq });
        this.ownSeq.set(send.conversationId, Math.max(seq, this.ownSeq.get(send.conversationId) ?? 0));
      }
      log.sends.push({ ...record(send), start, end, status, seq });
    } catch (error) {
      log.requests.failed++;
      log.errors.push(`send failed: ${String(error)}`);
      log.sends.push({ ...record(send), start, end: now(), status: 0, seq: null });
    } finally {
      this.sendsPending--;
    }
  }

  stop() {
    this.options = undefined;
    this.awaitingReceipts.clear();
    this.readByAll.clear();
    this.acks.stop();
  }

  close() {
    this.stop();
    for (const timer of this.readTimers) clearTimeout(timer);
    this.pusher.disconnect();
  }
}
