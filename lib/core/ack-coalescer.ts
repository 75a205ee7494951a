// The rules for sending receipt acks, in one place: the browser's queue (lib/client/ack-queue.ts)
// and the benchmark's clients both run this. One queue per user, not per conversation: every
// conversation's marks go in one request (`POST /api/delivered`, ≤ 100 conversations each), one
// request on the wire at a time. Per conversation only the highest seq wanted is sent, read
// implies delivered, and nothing the server already has.
//
// When a request goes is decided per conversation, because that is where a burst happens: a chat
// that is quiet — nothing sent for it within `windowMs` — has an *urgent* mark, which goes out at
// once (the leading edge: its sender sees "delivered" within a round trip), or, if a request is on
// the wire, right after its answer. So does a read that catches a chat up (everything it holds is
// read) when no read went for it within the window: a message read as it arrives.
// Every other mark — the second and later messages of a run, a read still behind — waits and rides
// along in the next request, which goes at most `windowMs` after the last. An idle user's first
// mark is therefore always immediate, and one chat's run of messages that fits in the window costs
// two requests (its first message, then the rest) however fast they come, while other chats'
// marks never wait for it.

/**
 * The app's policy, shipped to browsers and run by the benchmark: the window is 500 ms (Element's
 * receipt timer; a run of 8 messages then costs 2 requests instead of 16). Measured with both
 * traffic profiles of `npm run bench` (docs/architecture.md, "Receipts").
 */
export const APP_ACK_POLICY = { windowMs: 500, retryMs: 3000 } as const;

/** `editSeen` takes a change seq, not a message seq: every edit up to it has been on screen. */
export type AckKind = "delivered" | "read" | "editSeen";
export type AckMarks = { deliveredSeq: number; readSeq: number };
export type AckEntry = { conversationId: string; delivered?: number; read?: number; editSeen?: number };
export type AckEntryResult =
  | ({ conversationId: string } & AckMarks)
  | { conversationId: string; error: { code: string; message: string } };

export type AckCoalescerOptions = {
  post: (marks: AckEntry[]) => Promise<AckEntryResult[]>;
  /**
   * A chat with nothing sent for this long is quiet: its next mark goes at once. Other marks wait
   * for the next request, at most this long after the last one.
   */
  windowMs: number;
  retryMs: number;
  /** Conversations per request (the endpoint takes ≤ 100). */
  maxBatch?: number;
  onAcked?: (conversationId: string, marks: AckMarks) => void;
  /** The server refused one conversation's marks for good (not a member any more…): they are dropped. */
  onRefused?: (conversationId: string, error: { code: string; message: string }) => void;
  /** The whole request failed: `retry` keeps what is wanted and tries again after `retryMs`; `drop` gives it up. */
  onError?: (error: unknown) => "retry" | "drop";
  now?: () => number;
};

type Marks = { delivered: number; read: number; editSeen: number };
/** `sentAt`/`readSentAt`: when a mark, and a read, last went out for this chat. */
type State = { wanted: Marks; acked: Marks; sentAt: number; readSentAt: number };

const pending = (s: State) =>
  s.wanted.read > s.acked.read ||
  s.wanted.delivered > s.acked.delivered ||
  s.wanted.editSeen > s.acked.editSeen;

export class AckCoalescer {
  private readonly states = new Map<string, State>();
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private due = Infinity;
  /** After a failed request, nothing goes before this (offline: no request per new mark). */
  private retryAt = -Infinity;
  private lastFlush = -Infinity;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: AckCoalescerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  ack(conversationId: string, kind: AckKind, upTo: number) {
    if (upTo <= 0) return;
    const s = this.stateOf(conversationId);
    s.wanted = { ...s.wanted, [kind]: Math.max(s.wanted[kind], upTo) };
    s.wanted.delivered = Math.max(s.wanted.delivered, s.wanted.read);
    this.schedule();
  }

  /** What the server already has (a page load, one's own send); acks at or below it are skipped. */
  noteServerMarks(conversationId: string, marks: AckMarks) {
    const s = this.stateOf(conversationId);
    s.acked = {
      ...s.acked,
      delivered: Math.max(s.acked.delivered, marks.deliveredSeq, marks.readSeq),
      read: Math.max(s.acked.read, marks.readSeq),
    };
  }

  /** Nothing waiting and nothing on the wire. */
  get idle(): boolean {
    return !this.timer && !this.inFlight;
  }

  /** Cancels what is waiting; nothing more is scheduled. */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private stateOf(conversationId: string): State {
    let s = this.states.get(conversationId);
    if (!s) {
      s = {
        wanted: { delivered: 0, read: 0, editSeen: 0 },
        acked: { delivered: 0, read: 0, editSeen: 0 },
        sentAt: -Infinity,
        readSentAt: -Infinity,
      };
      this.states.set(conversationId, s);
    }
    return s;
  }

  /** See the top of this file: a quiet chat's mark, or a read that catches a chat up. */
  private urgent(s: State, now: number): boolean {
    const { windowMs } = this.options;
    const quiet = now - s.sentAt >= windowMs;
    const moreHeld = s.wanted.delivered > s.acked.delivered || s.wanted.editSeen > s.acked.editSeen;
    if (moreHeld && quiet) return true;
    const caughtUp = s.wanted.read > s.acked.read && s.wanted.read >= s.wanted.delivered;
    return caughtUp && now - s.readSentAt >= windowMs;
  }

  private schedule() {
    if (this.stopped || this.inFlight) return;
    const waiting = [...this.states.values()].filter(pending);
    if (waiting.length === 0) return;
    const now = this.now();
    // A timer of 0 still lets marks made in the same turn (every chat acked on load) share it.
    const urgent = waiting.some((s) => this.urgent(s, now));
    const due = Math.max(now, this.retryAt, urgent ? now : this.lastFlush + this.options.windowMs);
    // A timer already set stays unless this mark can't wait that long (an urgent one behind a run).
    if (this.timer) {
      if (due >= this.due) return;
      clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = setTimeout(() => void this.flush(), due - now);
  }

  private async flush() {
    this.timer = null;
    const batch: AckEntry[] = [];
    for (const [conversationId, s] of this.states) {
      if (!pending(s)) continue;
      const entry: AckEntry = { conversationId };
      if (s.wanted.read > s.acked.read) entry.read = s.wanted.read;
      if (s.wanted.delivered > s.acked.delivered && s.wanted.delivered > (entry.read ?? 0)) {
        entry.delivered = s.wanted.delivered;
      }
      if (s.wanted.editSeen > s.acked.editSeen) entry.editSeen = s.wanted.editSeen;
      batch.push(entry);
      if (batch.length === (this.options.maxBatch ?? 100)) break;
    }
    if (batch.length === 0) return;
    this.lastFlush = this.now();
    for (const entry of batch) {
      const s = this.stateOf(entry.conversationId);
      s.sentAt = this.lastFlush;
      if (entry.read) s.readSentAt = this.lastFlush;
    }
    this.inFlight = true;
    try {
      const results = await this.options.post(batch);
      for (const entry of batch) {
        // What was sent is settled whatever came back: the server clamps an ack past its last
        // message, and asking again would only get the same answer.
        const s = this.stateOf(entry.conversationId);
        s.acked = {
          delivered: Math.max(s.acked.delivered, entry.delivered ?? 0, entry.read ?? 0),
          read: Math.max(s.acked.read, entry.read ?? 0),
          editSeen: Math.max(s.acked.editSeen, entry.editSeen ?? 0),
        };
      }
      for (const result of results) this.settle(result);
    } catch (error) {
      if ((this.options.onError?.(error) ?? "retry") === "drop") {
        for (const entry of batch) this.drop(entry.conversationId);
      } else this.retryAt = this.now() + this.options.retryMs;
    } finally {
      this.inFlight = false;
    }
    this.schedule();
  }

  private settle(result: AckEntryResult) {
    if ("error" in result) {
      this.drop(result.conversationId);
      this.options.onRefused?.(result.conversationId, result.error);
      return;
    }
    const marks = { deliveredSeq: result.deliveredSeq, readSeq: result.readSeq };
    this.noteServerMarks(result.conversationId, marks);
    this.options.onAcked?.(result.conversationId, marks);
  }

  private drop(conversationId: string) {
    const s = this.stateOf(conversationId);
    s.wanted = { ...s.acked };
  }
}
