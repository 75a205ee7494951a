// The receipt-ack rules shared by the browser (lib/client/ack-queue.ts) and the benchmark's
// clients: one request for every chat, one on the wire at a time, a quiet chat's mark at once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckCoalescer, type AckEntry, type AckEntryResult, type AckMarks } from "@/lib/core/ack-coalescer";

const POLICY = { windowMs: 300, retryMs: 3000 };

function setup(options: { fail?: (batch: AckEntry[]) => unknown; refuse?: string[] } = {}) {
  const requests: AckEntry[][] = [];
  const server = new Map<string, AckMarks>();
  const refused: string[] = [];
  const queue = new AckCoalescer({
    ...POLICY,
    now: () => Date.now(),
    onError: (error) => (error === "refused" ? "drop" : "retry"),
    onRefused: (conversationId) => refused.push(conversationId),
    post: async (batch) => {
      requests.push(batch);
      const failure = options.fail?.(batch);
      if (failure) throw failure;
      return batch.map((e): AckEntryResult => {
        if (options.refuse?.includes(e.conversationId)) {
          return { conversationId: e.conversationId, error: { code: "forbidden", message: "no" } };
        }
        const m = server.get(e.conversationId) ?? { deliveredSeq: 0, readSeq: 0 };
        const readSeq = Math.max(m.readSeq, e.read ?? 0);
        const next = { deliveredSeq: Math.max(m.deliveredSeq, e.delivered ?? 0, readSeq), readSeq };
        server.set(e.conversationId, next);
        return { conversationId: e.conversationId, ...next };
      });
    },
  });
  return { queue, requests, refused };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe("AckCoalescer", () => {
  it("sends an idle user's first ack at once (leading edge)", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "delivered", 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([[{ conversationId: "c", delivered: 3 }]]);
  });

  it("carries every conversation's marks in one request, only the highest seq of each", async () => {
    const { queue, requests } = setup();
    for (const seq of [3, 1, 5]) queue.ack("a", "delivered", seq);
    queue.ack("b", "read", 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([
      [
        { conversationId: "a", delivered: 5 },
        { conversationId: "b", read: 2 },
      ],
    ]);
  });

  it("lets a read carry delivery, and sends delivery too only when it goes further", async () => {
    const { queue, requests } = setup();
    queue.ack("a", "delivered", 7);
    queue.ack("a", "read", 7);
    queue.ack("b", "delivered", 9);
    queue.ack("b", "read", 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests[0]).toEqual([
      { conversationId: "a", read: 7 },
      { conversationId: "b", read: 4, delivered: 9 },
    ]);
  });

  it("in a burst, later marks wait for one request at most a window after the last", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "delivered", 1);
    await vi.advanceTimersByTimeAsync(50);
    queue.ack("c", "delivered", 2);
    await vi.advanceTimersByTimeAsync(50);
    queue.ack("c", "read", 1);
    queue.ack("c", "delivered", 3);
    await vi.advanceTimersByTimeAsync(199);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[1]).toEqual([{ conversationId: "c", read: 1, delivered: 3 }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(2);
    expect(queue.idle).toBe(true);
  });

  it("after a quiet moment, the next mark goes at once again (a read 100 ms after delivery)", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "delivered", 1);
    await vi.advanceTimersByTimeAsync(100);
    queue.ack("c", "read", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([[{ conversationId: "c", delivered: 1 }], [{ conversationId: "c", read: 1 }]]);
  });

  it("skips what the server already has", async () => {
    const { queue, requests } = setup();
    queue.noteServerMarks("c", { deliveredSeq: 9, readSeq: 4 });
    queue.ack("c", "delivered", 9);
    queue.ack("c", "read", 4);
    queue.ack("c", "delivered", 0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toEqual([]);
  });

  it("keeps one request on the wire; what arrives meanwhile goes out after it", async () => {
    const sent: AckEntry[][] = [];
    let answer = () => {};
    const queue = new AckCoalescer({
      ...POLICY,
      now: () => Date.now(),
      post: (batch) => {
        sent.push(batch);
        return new Promise((resolve) => {
          answer = () =>
            resolve(
              batch.map((e) => ({
                conversationId: e.conversationId,
                deliveredSeq: e.delivered ?? 0,
                readSeq: 0,
              })),
            );
        });
      },
    });
    queue.ack("a", "delivered", 1);
    await vi.advanceTimersByTimeAsync(0);
    queue.ack("a", "delivered", 2);
    queue.ack("b", "delivered", 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    expect(queue.idle).toBe(false);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[1]).toEqual([
      { conversationId: "a", delivered: 2 },
      { conversationId: "b", delivered: 3 },
    ]);
  });

  it("retries a failed request later with what is wanted then", async () => {
    let failures = 1;
    const { queue, requests } = setup({ fail: () => (failures-- > 0 ? "offline" : undefined) });
    queue.ack("c", "read", 2);
    await vi.advanceTimersByTimeAsync(0);
    queue.ack("c", "read", 3);
    await vi.advanceTimersByTimeAsync(2999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[1]).toEqual([{ conversationId: "c", read: 3 }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(2);
  });

  it("drops one conversation the server refuses, and keeps the others", async () => {
    const { queue, requests, refused } = setup({ refuse: ["x"] });
    queue.ack("c", "read", 2);
    queue.ack("x", "read", 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toEqual(["x"]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
    expect(queue.idle).toBe(true);
  });

  it("gives up a request refused whole", async () => {
    const { queue, requests } = setup({ fail: () => "refused" });
    queue.ack("c", "read", 2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
  });

  it("on a slow server, a chat's later marks wait the window, not a round trip; once quiet, the next goes at once", async () => {
    const sent: AckEntry[][] = [];
    const queue = new AckCoalescer({
      ...POLICY,
      now: () => Date.now(),
      post: async (batch) => {
        sent.push(batch);
        // Each answer takes 80 ms: longer than the gap between messages.
        await new Promise((resolve) => setTimeout(resolve, 80));
        return batch.map((e) => ({
          conversationId: e.conversationId,
          deliveredSeq: e.delivered ?? 0,
          readSeq: 0,
        }));
      },
    });
    // A burst: a message every 50 ms for 200 ms.
    for (let seq = 1; seq <= 4; seq++) {
      queue.ack("c", "delivered", seq);
      await vi.advanceTimersByTimeAsync(50);
    }
    // The first at once; everything after rides in one request a window after it.
    expect(sent).toEqual([[{ conversationId: "c", delivered: 1 }]]);
    await vi.advanceTimersByTimeAsync(POLICY.windowMs - 200);
    expect(sent).toEqual([[{ conversationId: "c", delivered: 1 }], [{ conversationId: "c", delivered: 4 }]]);
    // Still within a window of that request: the chat isn't quiet, a new mark waits for it to end.
    await vi.advanceTimersByTimeAsync(200);
    queue.ack("c", "delivered", 5);
    await vi.advanceTimersByTimeAsync(POLICY.windowMs - 200 - 1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[2]).toEqual([{ conversationId: "c", delivered: 5 }]);
    // Quiet for a window: the next mark goes at once.
    await vi.advanceTimersByTimeAsync(POLICY.windowMs);
    queue.ack("c", "delivered", 7);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[3]).toEqual([{ conversationId: "c", delivered: 7 }]);
  });

  it("costs a run of 8 messages two requests, reads included, however close they come within a window", async () => {
    // The last read comes 7 gaps + 100 ms after the first message: up to 25 ms gaps fit in 300 ms.
    for (const gapMs of [1, 10, 25]) {
      const { queue, requests } = setup();
      vi.setSystemTime(2_000_000 + gapMs * 10_000);
      // Delivered on receipt, read 100 ms later, as the benchmark's readers do.
      for (let seq = 1; seq <= 8; seq++) {
        queue.ack("c", "delivered", seq);
        setTimeout(() => queue.ack("c", "read", seq), 100);
        await vi.advanceTimersByTimeAsync(gapMs);
      }
      await vi.advanceTimersByTimeAsync(5000);
      expect(requests).toHaveLength(2);
      expect(requests[0]).toEqual([{ conversationId: "c", delivered: 1 }]);
      expect(requests[1]).toEqual([{ conversationId: "c", read: 8 }]);
    }
  });

  it("never holds a quiet chat's mark behind another chat's run", async () => {
    const { queue, requests } = setup();
    queue.ack("busy", "delivered", 1);
    await vi.advanceTimersByTimeAsync(20);
    queue.ack("busy", "delivered", 2);
    await vi.advanceTimersByTimeAsync(20);
    // The run's second mark waits for the window; a message in another chat doesn't, and takes it along.
    queue.ack("quiet", "delivered", 6);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([
      [{ conversationId: "busy", delivered: 1 }],
      [
        { conversationId: "busy", delivered: 2 },
        { conversationId: "quiet", delivered: 6 },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(2);
  });

  it("sends a read that catches a chat up at once, and holds one still behind what the chat holds", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "delivered", 2);
    await vi.advanceTimersByTimeAsync(100);
    // Read up to 1 of 2 held: a person still scrolling down, it can wait.
    queue.ack("c", "read", 1);
    await vi.advanceTimersByTimeAsync(POLICY.windowMs - 101);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[1]).toEqual([{ conversationId: "c", read: 1 }]);
    // A message arrives and is read at once: the read catches the chat up, but a read went for it
    // within the window, so it rides the next request.
    queue.ack("c", "delivered", 3);
    queue.ack("c", "read", 3);
    await vi.advanceTimersByTimeAsync(POLICY.windowMs - 1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[2]).toEqual([{ conversationId: "c", read: 3 }]);
    // A window later the reply comes and is read: delivered and read each go at once.
    await vi.advanceTimersByTimeAsync(POLICY.windowMs);
    queue.ack("c", "delivered", 4);
    await vi.advanceTimersByTimeAsync(100);
    queue.ack("c", "read", 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests.slice(3)).toEqual([
      [{ conversationId: "c", delivered: 4 }],
      [{ conversationId: "c", read: 4 }],
    ]);
  });

  it("sends at most 100 conversations per request, the rest right after", async () => {
    const { queue, requests } = setup();
    for (let i = 0; i < 130; i++) queue.ack(`c${i}`, "delivered", 1);
    await vi.advanceTimersByTimeAsync(1);
    // The other 30 were quiet chats too: they go as soon as the first answer is in.
    expect(requests.map((r) => r.length)).toEqual([100, 30]);
  });

  it("doesn't ask again for an ack the server clamped (past its last message)", async () => {
    let posts = 0;
    const queue = new AckCoalescer({
      ...POLICY,
      now: () => Date.now(),
      post: async (batch) => {
        posts++;
        return batch.map((e) => ({ conversationId: e.conversationId, deliveredSeq: 2, readSeq: 0 }));
      },
    });
    queue.ack("c", "delivered", 5);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts).toBe(1);
    expect(queue.idle).toBe(true);
  });

  it("schedules nothing once stopped", async () => {
    const { queue, requests } = setup();
    queue.stop();
    queue.ack("c", "delivered", 2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toEqual([]);
  });
});
