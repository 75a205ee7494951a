// The browser's ack coalescing (lib/chat/client/ack-queue.ts), re-implemented per bench user: the
// app's module is one singleton per tab, and a worker process plays many users. Same rules: one
// request per conversation per window carrying the highest seq, read before delivered (a read ack
// implies delivery), one request on the wire at a time (`singleTimer`; off models the earlier
// queue, whose second timer could repeat a request). `edge: "trailing"` is the app's behaviour (the
// first ack waits a whole window); `leading` sends an idle conversation's first ack at once.
import type { AckEdge } from "./config";

type Marks = { delivered: number; read: number };
export type AckResult = { deliveredSeq: number; readSeq: number };
export type AckPost = (
  conversationId: string,
  kind: "delivered" | "read",
  upTo: number,
) => Promise<AckResult>;

const RETRY_MS = 3000; // as the app: a failed ack is retried later, never dropped while wanted

export class AckQueue {
  private wanted = new Map<string, Marks>();
  private acked = new Map<string, Marks>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastFlush = new Map<string, number>();
  private inFlight = 0;
  private flushing = new Set<string>();
  private retired = false;

  constructor(
    private readonly post: AckPost,
    private readonly windowMs: number,
    private readonly edge: AckEdge,
    /** One timer per conversation at most: a flush on the wire reschedules itself (see config). */
    private readonly singleTimer = false,
  ) {}

  /** Nothing queued, waiting or on the wire: the user's acks have settled. */
  get idle(): boolean {
    return this.timers.size === 0 && this.inFlight === 0;
  }

  ack(conversationId: string, kind: "delivered" | "read", upTo: number) {
    if (upTo <= 0) return;
    const w = this.wanted.get(conversationId) ?? { delivered: 0, read: 0 };
    const next = { ...w, [kind]: Math.max(w[kind], upTo) };
    next.delivered = Math.max(next.delivered, next.read);
    this.wanted.set(conversationId, next);
    if (this.timers.has(conversationId) || (this.singleTimer && this.flushing.has(conversationId))) return;
    this.schedule(conversationId, this.delay(conversationId));
  }

  noteServerMarks(conversationId: string, marks: AckResult) {
    const a = this.acked.get(conversationId) ?? { delivered: 0, read: 0 };
    this.acked.set(conversationId, {
      delivered: Math.max(a.delivered, marks.deliveredSeq),
      read: Math.max(a.read, marks.readSeq),
    });
  }

  /** Retires this queue (the next scenario gets a fresh one): nothing more is scheduled. */
  clear() {
    this.retired = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private delay(conversationId: string): number {
    if (this.edge === "trailing") return this.windowMs;
    const last = this.lastFlush.get(conversationId) ?? -Infinity;
    return Math.max(0, last + this.windowMs - performance.now());
  }

  private schedule(conversationId: string, ms: number) {
    if (this.retired) return;
    this.timers.set(
      conversationId,
      setTimeout(() => void this.flush(conversationId), ms),
    );
  }

  private async flush(conversationId: string) {
    this.timers.delete(conversationId);
    const w = this.wanted.get(conversationId);
    const a = this.acked.get(conversationId) ?? { delivered: 0, read: 0 };
    if (!w) return;
    const kind = w.read > a.read ? "read" : w.delivered > a.delivered ? "delivered" : null;
    if (!kind) return;
    this.lastFlush.set(conversationId, performance.now());
    this.inFlight++;
    this.flushing.add(conversationId);
    try {
      this.noteServerMarks(
        conversationId,
        await this.post(conversationId, kind, kind === "read" ? w.read : w.delivered),
      );
    } catch {
      this.schedule(conversationId, RETRY_MS);
      return;
    } finally {
      this.inFlight--;
      this.flushing.delete(conversationId);
    }
    const still = this.wanted.get(conversationId);
    const done = this.acked.get(conversationId)!;
    if (still && (still.read > done.read || still.delivered > done.delivered)) {
      this.schedule(conversationId, this.delay(conversationId));
    }
  }
}
