import { describe, expect, it } from "vitest";
import { receiptsToKeep, withKeptReceipts } from "@/lib/client/conversation/kept-receipts";
import type { Message } from "@/lib/core/types";

const msg = (seq: number, receipts?: Message["receipts"]): Message => ({
  id: `m${seq}`,
  conversationId: "conv",
  seq,
  sender: { id: "alice", username: "alice", name: "Alice" },
  body: `message ${seq}`,
  clientId: `c${seq}`,
  createdAt: new Date(2026, 0, 1).toISOString(),
  changeSeq: seq,
  ...(receipts ? { receipts } : {}),
});

describe("withKeptReceipts (a page rendered before the ticks last shown)", () => {
  it("never shows a count below what was last shown", () => {
    const [m] = withKeptReceipts([msg(3, { recipients: 2, delivered: 1, read: 0 })], [[3, 2, 2, 2]]);
    expect(m?.receipts).toEqual({ recipients: 2, delivered: 2, read: 2 });
  });

  it("takes the page's when it is further (it is the newer news)", () => {
    const messages = [msg(3, { recipients: 2, delivered: 2, read: 2 })];
    expect(withKeptReceipts(messages, [[3, 2, 1, 0]])).toBe(messages);
  });

  it("gives no receipts to a message that carries none (someone else's)", () => {
    const messages = [msg(3)];
    expect(withKeptReceipts(messages, [[3, 2, 2, 2]])).toBe(messages);
  });

  it("leaves messages it knows nothing of, and everything without kept receipts, as they are", () => {
    const messages = [msg(4, { recipients: 1, delivered: 0, read: 0 })];
    expect(withKeptReceipts(messages, [[3, 1, 1, 1]])).toBe(messages);
    expect(withKeptReceipts(messages, undefined)).toBe(messages);
  });
});

describe("receiptsToKeep", () => {
  it("keeps the latest 50 of my messages, and no one else's", () => {
    const messages = Array.from({ length: 60 }, (_, i) =>
      msg(i + 1, i % 2 ? undefined : { recipients: 1, delivered: 1, read: 0 }),
    );
    messages.push(
      ...Array.from({ length: 60 }, (_, i) => msg(61 + i, { recipients: 1, delivered: 1, read: 1 })),
    );
    const kept = receiptsToKeep(messages);
    expect(kept).toHaveLength(50);
    expect(kept[0]).toEqual([71, 1, 1, 1]);
    expect(receiptsToKeep([msg(1), msg(2)])).toEqual([]);
  });
});
