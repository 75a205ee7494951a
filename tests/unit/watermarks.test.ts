import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advanceWatermarks, unreadCount, type Ack, type Watermarks } from "@/lib/core/watermarks";

const at = (deliveredSeq: number, readSeq: number): Watermarks => ({ deliveredSeq, readSeq });

describe("advancing watermarks", () => {
  it("a delivered ack moves deliveredSeq up and leaves readSeq", () => {
    expect(advanceWatermarks(at(2, 1), { delivered: 5 }, 10)).toEqual({
      deliveredSeq: 5,
      readSeq: 1,
      changed: true,
      deliveredMoved: true,
      readMoved: false,
    });
  });

  it("a read ack moves readSeq and, since reading implies delivery, deliveredSeq too", () => {
    expect(advanceWatermarks(at(2, 1), { read: 7 }, 10)).toEqual({
      deliveredSeq: 7,
      readSeq: 7,
      changed: true,
      deliveredMoved: true,
      readMoved: true,
    });
  });

  it("a read ack below deliveredSeq moves only readSeq", () => {
    expect(advanceWatermarks(at(8, 1), { read: 5 }, 10)).toMatchObject({
      deliveredSeq: 8,
      readSeq: 5,
      deliveredMoved: false,
      readMoved: true,
    });
  });

  it("a second ack with a lower seq changes nothing", () => {
    const first = advanceWatermarks(at(0, 0), { read: 6 }, 10);
    expect(advanceWatermarks(first, { read: 3 }, 10)).toEqual({
      ...at(6, 6),
      changed: false,
      deliveredMoved: false,
      readMoved: false,
    });
    expect(advanceWatermarks(first, { delivered: 2 }, 10).changed).toBe(false);
  });

  it("repeating the same ack is a no-op", () => {
    const once = advanceWatermarks(at(0, 0), { delivered: 4 }, 10);
    const twice = advanceWatermarks(once, { delivered: 4 }, 10);
    expect(twice).toEqual({ ...at(4, 0), changed: false, deliveredMoved: false, readMoved: false });
  });

  it("an ack past the last message stops at lastSeq", () => {
    expect(advanceWatermarks(at(0, 0), { read: 1_000 }, 12)).toMatchObject(at(12, 12));
    expect(advanceWatermarks(at(0, 0), { delivered: 1_000 }, 12)).toMatchObject(at(12, 0));
  });

  it("an ack in an empty conversation changes nothing", () => {
    expect(advanceWatermarks(at(0, 0), { read: 3 }, 0)).toMatchObject({ ...at(0, 0), changed: false });
  });

  it("a negative ack changes nothing", () => {
    expect(advanceWatermarks(at(3, 2), { delivered: -5, read: -1 }, 10)).toMatchObject({
      ...at(3, 2),
      changed: false,
    });
  });

  it("an empty ack changes nothing", () => {
    expect(advanceWatermarks(at(3, 2), {}, 10)).toMatchObject({ ...at(3, 2), changed: false });
  });

  it("an ack carrying both moves each watermark, delivered never below read", () => {
    expect(advanceWatermarks(at(0, 0), { delivered: 3, read: 5 }, 10)).toMatchObject(at(5, 5));
    expect(advanceWatermarks(at(0, 0), { delivered: 9, read: 5 }, 10)).toMatchObject(at(9, 5));
  });
});

describe("unread count", () => {
  it("is the number of messages after the read watermark", () => {
    expect(unreadCount(10, 7)).toBe(3);
  });

  it("is zero when everything is read", () => {
    expect(unreadCount(10, 10)).toBe(0);
    expect(unreadCount(0, 0)).toBe(0);
  });

  it("is never negative", () => {
    expect(unreadCount(3, 5)).toBe(0);
  });
});

describe("any sequence of acks", () => {
  const ack: fc.Arbitrary<Ack> = fc.record(
    { delivered: fc.integer({ min: -5, max: 60 }), read: fc.integer({ min: -5, max: 60 }) },
    { requiredKeys: [] },
  );
  // lastSeq only grows as messages arrive between acks.
  const step = fc.tuple(ack, fc.integer({ min: 0, max: 5 }));

  it("keeps watermarks monotonic, ≤ lastSeq and deliveredSeq ≥ readSeq", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(step, { maxLength: 40 }), (start, steps) => {
        let lastSeq = start;
        let w = at(0, 0);
        for (const [a, newMessages] of steps) {
          lastSeq += newMessages;
          const next = advanceWatermarks(w, a, lastSeq);
          expect(next.deliveredSeq).toBeGreaterThanOrEqual(w.deliveredSeq);
          expect(next.readSeq).toBeGreaterThanOrEqual(w.readSeq);
          expect(next.deliveredSeq).toBeLessThanOrEqual(lastSeq);
          expect(next.readSeq).toBeGreaterThanOrEqual(0);
          expect(next.deliveredSeq).toBeGreaterThanOrEqual(next.readSeq);
          expect(next.changed).toBe(next.deliveredSeq !== w.deliveredSeq || next.readSeq !== w.readSeq);
          expect(unreadCount(lastSeq, next.readSeq)).toBe(lastSeq - next.readSeq);
          w = next;
        }
      }),
    );
  });

  it("ends where the highest in-range ack puts it, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.array(ack, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 50 }),
        (acks, lastSeq) => {
          const final = (order: Ack[]) => order.reduce((w, a) => advanceWatermarks(w, a, lastSeq), at(0, 0));
          const forward = final(acks);
          const backward = final([...acks].reverse());
          expect({ deliveredSeq: backward.deliveredSeq, readSeq: backward.readSeq }).toEqual({
            deliveredSeq: forward.deliveredSeq,
            readSeq: forward.readSeq,
          });
          const clamp = (n: number | undefined) => Math.min(Math.max(n ?? 0, 0), lastSeq);
          const maxRead = Math.max(...acks.map((a) => clamp(a.read)));
          const maxDelivered = Math.max(...acks.map((a) => clamp(a.delivered)));
          expect(forward.readSeq).toBe(maxRead);
          expect(forward.deliveredSeq).toBe(Math.max(maxRead, maxDelivered));
        },
      ),
    );
  });
});
