// The receipt-ack coalescing rules shared by the browser (lib/client/ack-queue.ts) and the
// benchmark's clients.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckCoalescer, type AckKind, type AckMarks } from "@/lib/core/ack-coalescer";

type Call = { conversationId: string; kind: AckKind; upTo: number };

function setup(options: { edge?: "trailing" | "leading"; fail?: (call: Call) => unknown } = {}) {
  const calls: Call[] = [];
  const marks = new Map<string, AckMarks>();
  const queue = new AckCoalescer({
    windowMs: 300,
    retryMs: 3000,
    edge: options.edge,
    onError: (error) => (error === "refused" ? "drop" : "retry"),
    post: async (conversationId, kind, upTo) => {
      const call = { conversationId, kind, upTo };
      calls.push(call);
      const failure = options.fail?.(call);
      if (failure) throw failure;
      const m = marks.get(conversationId) ?? { deliveredSeq: 0, readSeq: 0 };
      const next =
        kind === "read"
          ? { deliveredSeq: Math.max(m.deliveredSeq, upTo), readSeq: Math.max(m.readSeq, upTo) }
          : { ...m, deliveredSeq: Math.max(m.deliveredSeq, upTo) };
      marks.set(conversationId, next);
      return next;
    },
  });
  return { queue, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("AckCoalescer", () => {
  it("sends one request per window carrying the highest seq", async () => {
    const { queue, calls } = setup();
    for (const seq of [3, 1, 5, 4]) queue.ack("c", "delivered", seq);
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ conversationId: "c", kind: "delivered", upTo: 5 }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(queue.idle).toBe(true);
  });

  it("lets a read ack carry delivery, and keeps conversations apart", async () => {
    const { queue, calls } = setup();
    queue.ack("a", "delivered", 7);
    queue.ack("a", "read", 7);
    queue.ack("b", "delivered", 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual([
      { conversationId: "a", kind: "read", upTo: 7 },
      { conversationId: "b", kind: "delivered", upTo: 2 },
    ]);
  });

  it("skips what the server already has", async () => {
    const { queue, calls } = setup();
    queue.noteServerMarks("c", { deliveredSeq: 9, readSeq: 4 });
    queue.ack("c", "delivered", 9);
    queue.ack("c", "read", 4);
    queue.ack("c", "delivered", 0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
  });

  it("keeps one request on the wire; what arrives meanwhile goes out after it", async () => {
    const calls: number[] = [];
    let answer = () => {};
    const queue = new AckCoalescer({
      windowMs: 300,
      retryMs: 3000,
      post: (_, __, upTo) => {
        calls.push(upTo);
        return new Promise((resolve) => (answer = () => resolve({ deliveredSeq: upTo, readSeq: 0 })));
      },
    });
    queue.ack("c", "delivered", 1);
    await vi.advanceTimersByTimeAsync(300);
    queue.ack("c", "delivered", 2);
    queue.ack("c", "delivered", 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([1]);
    expect(queue.idle).toBe(false);
    answer();
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual([1, 3]);
  });

  it("retries a failed request later, and gives up a refused one", async () => {
    let failures = 1;
    const { queue, calls } = setup({
      fail: (call) => (call.conversationId === "x" ? "refused" : failures-- > 0 ? "offline" : undefined),
    });
    queue.ack("c", "read", 2);
    queue.ack("x", "read", 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.conversationId)).toEqual(["c", "x", "c"]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(3);
    expect(queue.idle).toBe(true);
  });

  it("with the leading edge, acks an idle conversation at once, then once per window", async () => {
    const { queue, calls } = setup({ edge: "leading" });
    queue.ack("c", "delivered", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.upTo)).toEqual([1]);
    queue.ack("c", "delivered", 2);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.upTo)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((c) => c.upTo)).toEqual([1, 2]);
  });

  it("schedules nothing once stopped", async () => {
    const { queue, calls } = setup();
    queue.ack("c", "delivered", 1);
    queue.stop();
    queue.ack("c", "delivered", 2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
  });
});
