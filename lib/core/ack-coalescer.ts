// The rules for coalescing receipt acks, in one place: the browser's queue (ack-queue.ts) and the
// benchmark's clients both run this. Per conversation: at most one request per window carrying the
// highest seq wanted, read before delivered (a read ack implies delivery), one request on the wire
// at a time (what arrives meanwhile goes out after it), and never a request that can't move a
// watermark. `trailing` (the app's choice) lets the first ack of a burst wait out the window so the
// rest rides along; `leading` sends an idle conversation's first ack at once (the benchmark
// measured it: more requests, no better median).

export type AckKind = "delivered" | "read";
export type AckMarks = { deliveredSeq: number; readSeq: number };
export type AckEdge = "trailing" | "leading";

export type AckCoalescerOptions = {
  post: (conversationId: string, kind: AckKind, upTo: number) => Promise<AckMarks>;
  windowMs: number;
  retryMs: number;
  edge?: AckEdge;
  onAcked?: (conversationId: string, marks: AckMarks) => void;
  /** A failed request: `retry` keeps what is wanted and tries again after `retryMs`; `drop` gives it up. */
  onError?: (error: unknown) => "retry" | "drop";
};

type Marks = { delivered: number; read: number };
type State = {
  wanted: Marks;
  acked: Marks;
  inFlight: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  lastFlush: number;
};

const pending = (s: State) => s.wanted.read > s.acked.read || s.wanted.delivered > s.acked.delivered;

export class AckCoalescer {
  private readonly states = new Map<string, State>();
  private stopped = false;

  constructor(private readonly options: AckCoalescerOptions) {}

  ack(conversationId: string, kind: AckKind, upTo: number) {
    if (upTo <= 0) return;
    const s = this.stateOf(conversationId);
    s.wanted = { ...s.wanted, [kind]: Math.max(s.wanted[kind], upTo) };
    s.wanted.delivered = Math.max(s.wanted.delivered, s.wanted.read);
    this.schedule(conversationId, s);
  }

  /** What the server already has (a page load, one's own send); acks at or below it are skipped. */
  noteServerMarks(conversationId: string, marks: AckMarks) {
    const s = this.stateOf(conversationId);
    s.acked = {
      delivered: Math.max(s.acked.delivered, marks.deliveredSeq),
      read: Math.max(s.acked.read, marks.readSeq),
    };
  }

  /** Nothing waiting and nothing on the wire. */
  get idle(): boolean {
    for (const s of this.states.values()) if (s.timer || s.inFlight) return false;
    return true;
  }

  /** Cancels what is waiting; nothing more is scheduled. */
  stop() {
    this.stopped = true;
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
  }

  private stateOf(conversationId: string): State {
    let s = this.states.get(conversationId);
    if (!s) {
      s = {
        wanted: { delivered: 0, read: 0 },
        acked: { delivered: 0, read: 0 },
        inFlight: false,
        timer: null,
        lastFlush: -Infinity,
      };
      this.states.set(conversationId, s);
    }
    return s;
  }

  private schedule(conversationId: string, s: State, delay = this.windowDelay(s)) {
    if (this.stopped || !pending(s) || s.inFlight || s.timer) return;
    s.timer = setTimeout(() => void this.flush(conversationId, s), delay);
  }

  private windowDelay(s: State) {
    const { windowMs, edge = "trailing" } = this.options;
    return edge === "trailing" ? windowMs : Math.max(0, s.lastFlush + windowMs - performance.now());
  }

  private async flush(conversationId: string, s: State) {
    s.timer = null;
    const kind: AckKind | null =
      s.wanted.read > s.acked.read ? "read" : s.wanted.delivered > s.acked.delivered ? "delivered" : null;
    if (!kind) return;
    s.lastFlush = performance.now();
    s.inFlight = true;
    try {
      const marks = await this.options.post(conversationId, kind, s.wanted[kind]);
      s.inFlight = false;
      this.noteServerMarks(conversationId, marks);
      this.options.onAcked?.(conversationId, marks);
    } catch (error) {
      s.inFlight = false;
      if ((this.options.onError?.(error) ?? "retry") === "drop") s.wanted = { ...s.acked };
      else this.schedule(conversationId, s, this.options.retryMs);
      return;
    }
    this.schedule(conversationId, s);
  }
}
