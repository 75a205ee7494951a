import { describe, expect, it } from "vitest";
import {
  applyReceipts,
  firstConfirmedSeq,
  hasGap,
  hasOlder,
  lastConfirmedSeq,
  mergeMessages,
  withMessages,
  withOutbox,
  withReceipts,
  type ClientDetail,
  type ClientMessage,
} from "@/lib/client/conversation/merge";
import type { Message } from "@/lib/core/types";

const alice = { id: "alice", username: "alice", name: "Alice" };
const bob = { id: "bob", username: "bob", name: "Bob" };

function msg(seq: number, clientId = `c${seq}`, sender = alice): Message {
  return {
    id: `m${seq}`,
    conversationId: "conv",
    seq,
    sender,
    body: `message ${seq}`,
    clientId,
    createdAt: new Date(2026, 0, 1, 0, 0, seq).toISOString(),
    changeSeq: seq,
  };
}

function local(clientId: string, state: "sending" | "failed" = "sending"): ClientMessage {
  return { ...msg(0, clientId), id: `local-${clientId}`, local: state };
}

const seqs = (ms: ClientMessage[]) => ms.map((m) => (m.local ? `${m.local}:${m.clientId}` : m.seq));

describe("mergeMessages", () => {
  it("keeps messages in seq order whatever order they arrive in", () => {
    expect(seqs(mergeMessages([msg(1), msg(3)], [msg(2)]))).toEqual([1, 2, 3]);
  });

  it("never shows one message twice when the event and the fetch both bring it", () => {
    const once = mergeMessages([msg(1)], [msg(2)]);
    expect(seqs(mergeMessages(once, [msg(2), msg(1)]))).toEqual([1, 2]);
  });

  it("replaces the optimistic copy with the confirmed one, whichever arrives first", () => {
    const optimistic = [msg(1), local("x")];
    // The realtime echo (another tab) or the HTTP answer: same sender + clientId.
    const confirmed = mergeMessages(optimistic, [msg(2, "x")]);
    expect(seqs(confirmed)).toEqual([1, 2]);
    // The other one arriving later changes nothing.
    expect(seqs(mergeMessages(confirmed, [msg(2, "x")]))).toEqual([1, 2]);
  });

  it("does not confuse someone else's message with my pending one of the same clientId", () => {
    expect(seqs(mergeMessages([local("x")], [msg(1, "x", bob)]))).toEqual([1, "sending:x"]);
  });

  it("keeps unconfirmed messages after the confirmed ones, in the order they were typed", () => {
    const current = [msg(1), local("a"), local("b", "failed")];
    expect(seqs(mergeMessages(current, [msg(2)]))).toEqual([1, 2, "sending:a", "failed:b"]);
  });

  it("returns the same array when nothing arrives", () => {
    const current = [msg(1)];
    expect(mergeMessages(current, [])).toBe(current);
  });
});

describe("gaps and bounds", () => {
  it("sees a gap when an event skips a seq", () => {
    expect(hasGap([msg(1), msg(2)], 3)).toBe(false);
    expect(hasGap([msg(1), msg(2)], 4)).toBe(true);
    expect(hasGap([msg(1), msg(2)], 2)).toBe(false);
  });

  it("ignores unconfirmed messages when finding what to fetch before or after", () => {
    const ms = [msg(4), msg(5), local("z")];
    expect(lastConfirmedSeq(ms)).toBe(5);
    expect(firstConfirmedSeq(ms)).toBe(4);
    expect(lastConfirmedSeq([local("z")])).toBe(0);
    expect(firstConfirmedSeq([])).toBeUndefined();
  });
});

describe("hasOlder", () => {
  it("is false when the confirmed messages start at seq 1: nothing came before", () => {
    expect(hasOlder([msg(1)])).toBe(false);
    expect(hasOlder([msg(1), msg(2), msg(3)])).toBe(false);
  });

  it("is true when the confirmed messages start above 1: seqs have no gaps, so older ones exist", () => {
    expect(hasOlder([msg(2)])).toBe(true);
    expect(hasOlder([msg(51), msg(52), msg(100)])).toBe(true);
  });

  it("is false when nothing is held, or only messages the server hasn't confirmed", () => {
    expect(hasOlder([])).toBe(false);
    expect(hasOlder([local("a"), local("b", "failed")])).toBe(false);
    // Even a pending message that carries a seq of its own proves nothing about older ones.
    expect(hasOlder([{ ...local("c"), seq: 7 }])).toBe(false);
  });

  it("looks only at confirmed messages, wherever the pending ones sit", () => {
    expect(hasOlder([local("a"), msg(3), msg(4)])).toBe(true);
    expect(hasOlder([{ ...local("b"), seq: 9 }, msg(1), msg(2)])).toBe(false);
    expect(hasOlder(mergeMessages([local("c")], [msg(5), msg(6)]))).toBe(true);
    expect(hasOlder(mergeMessages([msg(2), local("d")], [msg(1)]))).toBe(false);
  });
});

describe("withOutbox", () => {
  it("shows the outbox's messages after the confirmed ones, in typed order", () => {
    expect(seqs(withOutbox([msg(1), msg(2)], [local("a"), local("b", "failed")]))).toEqual([
      1,
      2,
      "sending:a",
      "failed:b",
    ]);
  });

  it("shows a message the server already has once, as the server's (never Sending beside Sent)", () => {
    // Its event or answer arrived before the outbox let go of it; or a retry after a lost answer.
    expect(seqs(withOutbox([msg(1), msg(2, "a")], [local("a"), local("b")]))).toEqual([1, 2, "sending:b"]);
    expect(seqs(withOutbox([msg(2, "x")], [local("x", "failed")]))).toEqual([2]);
  });

  it("does not hide my queued message behind someone else's of the same clientId", () => {
    expect(seqs(withOutbox([msg(1, "x", bob)], [local("x")]))).toEqual([1, "sending:x"]);
  });

  it("returns the confirmed array itself when nothing waits", () => {
    const confirmed = [msg(1)];
    expect(withOutbox(confirmed, [])).toBe(confirmed);
    expect(withOutbox(confirmed, [local("c1")])).toBe(confirmed);
  });
});

describe("receipts", () => {
  const mine = (seq: number, delivered: number, read: number): ClientMessage => ({
    ...msg(seq),
    receipts: { recipients: 3, delivered, read },
  });

  it("an event raises the counts of the messages it names, and no others", () => {
    const held = [mine(1, 1, 0), mine(2, 0, 0)];
    const out = applyReceipts(held, {
      conversationId: "conv",
      receipts: [{ seq: 2, recipients: 3, delivered: 2, read: 1 }],
    });
    expect(out.map((m) => m.receipts)).toEqual([
      { recipients: 3, delivered: 1, read: 0 },
      { recipients: 3, delivered: 2, read: 1 },
    ]);
  });

  it("a late or repeated event never takes a tick back", () => {
    const held = [mine(1, 3, 2)];
    const out = applyReceipts(held, {
      conversationId: "conv",
      receipts: [{ seq: 1, recipients: 3, delivered: 1, read: 0 }],
    });
    expect(out).toBe(held);
  });

  it("a stale fetch never takes a tick back either", () => {
    const held = [mine(1, 3, 3)];
    const stale = { ...msg(1), receipts: { recipients: 3, delivered: 2, read: 0 } };
    expect(mergeMessages(held, [stale])[0]?.receipts).toEqual({ recipients: 3, delivered: 3, read: 3 });
  });

  it("a fresher fetch raises the counts", () => {
    const held = [mine(1, 1, 0)];
    const fresh = { ...msg(1), receipts: { recipients: 3, delivered: 3, read: 1 } };
    expect(mergeMessages(held, [fresh])[0]?.receipts).toEqual({ recipients: 3, delivered: 3, read: 1 });
  });

  it("leaves messages not yet confirmed alone", () => {
    const held = [local("x")];
    expect(
      applyReceipts(held, {
        conversationId: "conv",
        receipts: [{ seq: 0, recipients: 1, delivered: 1, read: 1 }],
      }),
    ).toBe(held);
  });
});

describe("receipts that arrive before their message is confirmed", () => {
  const detail = (messages: ClientMessage[]): ClientDetail => ({
    conversation: {
      id: "conv",
      kind: "direct",
      title: "Bob",
      members: [],
      memberCount: 2,
      lastMessage: null,
      lastSeq: 0,
      changeSeq: 0,
      role: "member",
      unreadCount: 0,
      deliveredSeq: 0,
      readSeq: 0,
    },
    messages,
    hasMore: false,
    me: { id: "alice", shareReadReceipts: true },
    unseenEdits: [],
  });

  it("are kept and applied when the answer to my send comes (a quick reader beat it)", () => {
    const sending = detail([local("c7")]);
    const early = withReceipts(sending, {
      conversationId: "conv",
      receipts: [{ seq: 7, recipients: 1, delivered: 1, read: 1 }],
    });
    const confirmed = withMessages(early, [
      { ...msg(7, "c7"), receipts: { recipients: 1, delivered: 0, read: 0 } },
    ]);
    expect(confirmed.messages.map((m) => [m.seq, m.local, m.receipts])).toEqual([
      [7, undefined, { recipients: 1, delivered: 1, read: 1 }],
    ]);
    expect(confirmed.early).toEqual({});
  });

  it("are kept while my message waits in the outbox (the cache holds confirmed messages only)", () => {
    const early = withReceipts(detail([msg(6)]), {
      conversationId: "conv",
      receipts: [{ seq: 7, recipients: 1, delivered: 1, read: 0 }],
    });
    // Shown meanwhile: the outbox's copy, Sending (no receipts of its own).
    expect(seqs(withOutbox(early.messages, [local("c7")]))).toEqual([6, "sending:c7"]);
    const sent = withMessages(early, [
      { ...msg(7, "c7"), receipts: { recipients: 1, delivered: 0, read: 0 } },
    ]);
    expect(sent.messages.at(-1)?.receipts).toEqual({ recipients: 1, delivered: 1, read: 0 });
    expect(seqs(withOutbox(sent.messages, [local("c7")]))).toEqual([6, 7]);
  });

  it("don't pile up for messages that never show up here", () => {
    let d = detail([]);
    for (let seq = 1; seq <= 250; seq++) {
      d = withReceipts(d, {
        conversationId: "conv",
        receipts: [{ seq, recipients: 1, delivered: 1, read: 0 }],
      });
    }
    expect(Object.keys(d.early ?? {})).toHaveLength(200);
  });
});
