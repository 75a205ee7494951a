import type Pusher from "pusher";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EVENT_DATA_MAX_BYTES, TRIGGER_RETRY_MS, pingRealtime, publish } from "@/lib/server/realtime/publish";

// publish() uses the process-wide Pusher singleton; a fake one records what would be sent.
const fake = {
  trigger: vi.fn(async (..._args: unknown[]) => ({ status: 200 })),
  triggerBatch: vi.fn(async (..._args: unknown[]) => ({ status: 200 })),
};
const global = globalThis as unknown as { pusher?: unknown };

beforeEach(() => {
  global.pusher = fake as unknown as Pusher;
  fake.trigger.mockClear();
  fake.triggerBatch.mockClear();
});
afterEach(() => {
  delete global.pusher;
  vi.restoreAllMocks();
});

const event = (channel: string, n = 0) => ({ channels: [channel], name: "e", data: { n } });

describe("publishing events", () => {
  it("sends one single-channel event with one trigger, JSON-encoded, excluding the socket", async () => {
    await publish([{ channels: ["private-a"], name: "message.created", data: { x: 1 }, socketId: "1.2" }]);
    expect(fake.trigger).toHaveBeenCalledExactlyOnceWith("private-a", "message.created", '{"x":1}', {
      socket_id: "1.2",
    });
    expect(fake.triggerBatch).not.toHaveBeenCalled();
  });

  it("batches single-channel events, at most 10 per request", async () => {
    await publish(Array.from({ length: 25 }, (_, i) => event(`private-c${i}`, i)));
    const sizes = fake.triggerBatch.mock.calls.map(([batch]) => (batch as unknown[]).length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(fake.trigger).not.toHaveBeenCalled();
    const first = (fake.triggerBatch.mock.calls[0]![0] as { channel: string; data: string }[])[0];
    expect(first).toEqual({ channel: "private-c0", name: "e", data: '{"n":0}' });
  });

  it("sends a multi-channel event in triggers of at most 100 channels", async () => {
    const channels = Array.from({ length: 250 }, (_, i) => `private-user-u${i}`);
    await publish([{ channels, name: "conversation.updated", data: {}, socketId: "3.4" }]);
    expect(fake.trigger.mock.calls.map(([c]) => (c as string[]).length)).toEqual([100, 100, 50]);
    expect(fake.trigger.mock.calls.flatMap(([c]) => c as string[])).toEqual(channels);
    expect(
      fake.trigger.mock.calls.every(
        ([, , , params]) => (params as { socket_id: string }).socket_id === "3.4",
      ),
    ).toBe(true);
  });

  it("drops an event whose data is over Pusher's 10 KB limit, logs it, and still sends the others", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const big = { channels: ["private-big"], name: "big", data: "x".repeat(EVENT_DATA_MAX_BYTES) };
    await publish([big, event("private-small")]);
    expect(fake.trigger).toHaveBeenCalledExactlyOnceWith("private-small", "e", '{"n":0}', {
      socket_id: undefined,
    });
    expect(log.mock.calls.join("\n")).toMatch(/event too large, dropped/);
  });

  it("never throws when a trigger fails: the failure is logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    fake.trigger.mockRejectedValueOnce(new Error("connect ECONNREFUSED"));
    await expect(publish([event("private-a")])).resolves.toBeUndefined();
    expect(log.mock.calls.join("\n")).toMatch(/trigger failed.*ECONNREFUSED/);
  });

  it("tries a failed trigger once more a moment later, off the request", async () => {
    // Timeouts only: a turn's batch goes out on setImmediate, which stays real.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      fake.trigger.mockRejectedValueOnce(new Error("Request timed out"));
      await publish([{ channels: ["private-a"], name: "conversation.updated", data: { n: 1 } }]);
      expect(fake.trigger).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(TRIGGER_RETRY_MS);
      expect(fake.trigger).toHaveBeenCalledTimes(2);
      expect(fake.trigger.mock.calls[1]).toEqual(fake.trigger.mock.calls[0]);
      // Once only: a second failure is logged, not retried again.
      fake.trigger.mockRejectedValueOnce(new Error("Request timed out"));
      fake.trigger.mockRejectedValueOnce(new Error("Request timed out"));
      await publish([event("private-b")]);
      await vi.advanceTimersByTimeAsync(TRIGGER_RETRY_MS * 5);
      expect(fake.trigger).toHaveBeenCalledTimes(4);
      expect(log.mock.calls.join("\n")).toMatch(/trigger failed again/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends the events of every publish in one turn together, and answers each when its request has", async () => {
    let answer!: () => void;
    fake.triggerBatch.mockImplementationOnce(
      () => new Promise((resolve) => (answer = () => resolve({ status: 200 }))),
    );
    const done: string[] = [];
    // Three sends to direct chats reach their publish in one turn, each after its own chain of
    // awaits (a request's steps are promise callbacks): two channels each.
    const publishes = ["a", "b", "c"].map(async (who, i) => {
      for (let step = 0; step < i * 5; step++) await Promise.resolve();
      await publish([
        { channels: [`private-${who}1`, `private-${who}2`], name: "m", data: { who }, socketId: "5.6" },
      ]);
      done.push(who);
    });
    await vi.waitFor(() => expect(fake.triggerBatch).toHaveBeenCalledTimes(1));
    const batch = fake.triggerBatch.mock.calls[0]![0] as Pusher.BatchEvent[];
    expect(batch.map((e) => e.channel)).toEqual([
      "private-a1",
      "private-a2",
      "private-b1",
      "private-b2",
      "private-c1",
      "private-c2",
    ]);
    expect(batch[2]).toEqual({ channel: "private-b1", name: "m", data: '{"who":"b"}', socket_id: "5.6" });
    expect(fake.trigger).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toEqual([]); // nobody is answered before the request is
    answer();
    await Promise.all(publishes);
    expect(done.sort()).toEqual(["a", "b", "c"]);
  });

  it("a publish in a later turn goes in a request of its own", async () => {
    await publish([event("private-first")]);
    await publish([event("private-second")]);
    expect(fake.trigger.mock.calls.map(([channel]) => channel)).toEqual(["private-first", "private-second"]);
  });

  it("an event for more than 10 channels keeps its own triggers, apart from the batch", async () => {
    const channels = Array.from({ length: 11 }, (_, i) => `private-user-g${i}`);
    await Promise.all([
      publish([{ channels, name: "group", data: {} }]),
      publish([{ channels: ["private-x", "private-y"], name: "direct", data: {} }]),
    ]);
    expect(fake.trigger).toHaveBeenCalledExactlyOnceWith(channels, "group", "{}", undefined);
    expect(
      fake.triggerBatch.mock.calls.map(([b]) => (b as Pusher.BatchEvent[]).map((e) => e.channel)),
    ).toEqual([["private-x", "private-y"]]);
  });

  it("does nothing, quietly, when live updates are off (no Pusher configured)", async () => {
    global.pusher = null;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(publish([event("private-a"), event("private-b")])).resolves.toBeUndefined();
    expect(fake.trigger).not.toHaveBeenCalled();
    expect(fake.triggerBatch).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(await pingRealtime()).toBe("off");
  });
});
