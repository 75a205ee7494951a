// The rules for sending receipt acks, in one place: the browser's queue (lib/client/ack-queue.ts)
// and the benchmark's clients both run this. One queue per user, not per conversation: every
// conversation's marks go in one request (`POST /api/delivered`, ≤ 100 conversations each), one
// request on the wire at a time. An idle user's first mark goes out at once (the leading edge: a
// sender sees "delivered" within a round trip); marks that come while a request is on the wire, or
// soon after one went, wait and ride along in the next, which goes at most `windowMs` after the
// last (so a burst of messages costs a few requests, not one per message). Per conversation only
// the highest seq wanted is sent, read implies delivered, and nothing the server already has.

/**
 * The app's policy, shipped to browsers and run by the benchmark: a mark after 60 ms without a
 * request goes out at once (a conversation's delivered ack, and its read 100 ms later, both
 * immediate); within a burst the rest follow at most 500 ms after the last request (Element's
 * receipt timer; a run of 8 messages then costs 2 requests instead of 16). Measured with both
 * traffic profiles of `npm run bench` (docs/architecture.md, "Receipts").
 */
export const APP_ACK_POLICY = { idleMs: 60, windowMs: 500, retryMs: 3000 } as const;

/** `editSeen` takes a change seq, not a message seq: every edit up to it has been on screen. */
export type AckKind = "delivered" | "read" | "editSeen";
export type AckMarks = { deliveredSeq: number; readSeq: number };
export type AckEntry = { conversationId: string; delivered?: number; read?: number; editSeen?: number };
export type AckEntryResult =
  | ({ conversationId: string } & AckMarks)
  | { conversationId: string; error: { code: string; message: string } };

export type AckCoalescerOptions = {
  post: (marks: AckEntry[]) => Promise<AckEntryResult[]>;
  /** A mark this long after the last request (and none on the wire) goes out at once. */
  idleMs: number;
  /** Otherwise it waits for the next request, at most this long after the last one. */
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
type State = { wanted: Marks; acked: Marks };

const pending = (s: State) =>
  s.wanted.read > s.acked.read ||
  s.wanted.delivered > s.acked.delivered ||
  s.wanted.editSeen > s.acked.editSeen;

export class AckCoalescer {
  private readonly states = new Map<string, State>();
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = -Infinity;
  private lastAnswer = -Infinity;
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
      s = { wanted: { delivered: 0, read: 0, editSeen: 0 }, acked: { delivered: 0, read: 0, editSeen: 0 } };
      this.states.set(conversationId, s);
    }
    return s;
  }

  private schedule(delay?: number) {
    if (this.stopped || this.inFlight || this.timer) return;
    if (![...this.states.values()].some(pending)) return;
    const now = this.now();
    const since = now - this.lastFlush;
    // Leading edge when idle — quiet since the last request went *and* since its answer came: marks
    // that arrived while it was on the wire are a burst, not a new start (on a slow server every
    // answer would otherwise take the next mark straight out, one request per round trip). A timer
    // of 0 still lets marks made in the same turn (a list of conversations acked on load) share it.
    const idle = since >= this.options.idleMs && now - this.lastAnswer >= this.options.idleMs;
    const wait = delay ?? (idle ? 0 : this.options.windowMs - since);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, wait));
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
    this.inFlight = true;
    let retryIn: number | undefined;
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
      } else retryIn = this.options.retryMs;
    } finally {
      this.inFlight = false;
      this.lastAnswer = this.now();
    }
    this.schedule(retryIn);
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
