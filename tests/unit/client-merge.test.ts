import { describe, expect, it } from "vitest";
import {
  applyReceipts,
  firstConfirmedSeq,
  hasGap,
  hasOlder,
  lastConfirmedSeq,
  mergeMessages,
  withOutbox,
  type ClientMessage,
} from "@/lib/client/conversation/merge";
import type { MemberState, Message } from "@/lib/core/types";

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

describe("applyReceipts", () => {
  const member = (id: string, deliveredSeq: number, readSeq: number | null): MemberState => ({
    user: { id, username: id, name: id },
    joinedSeq: 0,
    deliveredSeq,
    readSeq,
    deliveredAt: null,
    readAt: null,
  });

  it("moves watermarks up and never down", () => {
    const members = [member("bob", 3, 2)];
    const up = applyReceipts(members, { conversationId: "c", userId: "bob", deliveredSeq: 5, readSeq: 4 });
    expect(up?.[0]).toMatchObject({ deliveredSeq: 5, readSeq: 4 });
    const down = applyReceipts(up!, { conversationId: "c", userId: "bob", deliveredSeq: 1, readSeq: 1 });
    expect(down?.[0]).toMatchObject({ deliveredSeq: 5, readSeq: 4 });
  });

  it("returns the same array for an event that changes nothing", () => {
    const members = [member("bob", 3, 2)];
    expect(applyReceipts(members, { conversationId: "c", userId: "bob", deliveredSeq: 3, readSeq: 2 })).toBe(
      members,
    );
  });

  it("hides read state when the event says it's private", () => {
    const out = applyReceipts([member("bob", 3, 2)], {
      conversationId: "c",
      userId: "bob",
      deliveredSeq: 3,
      readSeq: null,
    });
    expect(out?.[0]?.readSeq).toBeNull();
  });

  it("answers null for a member it doesn't know, so the caller refetches", () => {
    expect(
      applyReceipts([member("bob", 1, 1)], {
        conversationId: "c",
        userId: "zed",
        deliveredSeq: 1,
        readSeq: 1,
      }),
    ).toBeNull();
  });
});
