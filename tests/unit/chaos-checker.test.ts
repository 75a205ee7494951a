// The chaos soak's invariants: each finds what it is for, and passes what is true.
import { describe, expect, it } from "vitest";
import type { OutboxRecord } from "@/lib/client/outbox/record";
import {
  checkDelivery,
  checkMonotonic,
  checkSeqs,
  checkStatuses,
  diffClient,
  diffView,
  expectedReceipts,
  expectedView,
  ranges,
  type ClientRecords,
} from "@/chaos/lib/checker";
import type { AnswerLine, ClientDigest, ObservationLine } from "@/chaos/lib/protocol";
import type { Truth, TruthMember, TruthMessage } from "@/chaos/lib/truth";

const msg = (seq: number, senderId: string, conversationId = "c1"): TruthMessage => ({
  conversationId,
  seq,
  id: `m${conversationId}${seq}`,
  senderId,
  clientId: `k${conversationId}${seq}`,
  body: `text ${seq}`,
  kind: "text",
});

const member = (userId: string, marks: Partial<TruthMember> = {}): TruthMember => ({
  conversationId: "c1",
  userId,
  joinedSeq: 0,
  deliveredSeq: 0,
  readSeq: 0,
  publicReadSeq: 0,
  peerReadCap: null,
  ...marks,
});

/** A group of a, b, c: a sent 1 and 3, b sent 2; b has read all, c holds 2 and read 1. */
function group(): Truth {
  return {
    conversations: [{ id: "c1", kind: "group", lastSeq: 3 }],
    messages: [msg(1, "a"), msg(2, "b"), msg(3, "a")],
    members: [
      member("a", { deliveredSeq: 3, readSeq: 3, publicReadSeq: 3 }),
      member("b", { deliveredSeq: 3, readSeq: 3, publicReadSeq: 3 }),
      member("c", { deliveredSeq: 2, readSeq: 1, publicReadSeq: 1 }),
    ],
    formers: [],
  };
}

const answer = (m: TruthMessage, status = 201): AnswerLine => ({
  clientId: m.clientId,
  conversationId: m.conversationId,
  status,
  seq: m.seq,
  start: 0,
  end: 1,
});

const records = (truth: Truth, userId: string, extra: Partial<ClientRecords> = {}): ClientRecords => {
  const mine = truth.messages.filter((m) => m.senderId === userId);
  return {
    userId,
    journal: mine.map((m) => ({
      clientId: m.clientId,
      conversationId: m.conversationId,
      body: m.body,
      at: 0,
    })),
    answers: mine.map((m) => answer(m)),
    outbox: [],
    ...extra,
  };
};

describe("seqs", () => {
  it("pass when 1…lastSeq are each stored once", () => {
    expect(checkSeqs(group())).toEqual([]);
  });

  it("find a gap, a duplicate seq and a lastSeq that isn't the last message's", () => {
    const gap = group();
    gap.messages = gap.messages.filter((m) => m.seq !== 2);
    expect(checkSeqs(gap).map((v) => v.rule)).toContain("seq-order");
    const twice = group();
    twice.messages.push({ ...msg(3, "b"), id: "other" });
    expect(checkSeqs(twice)).not.toEqual([]);
    const behind = group();
    behind.conversations[0]!.lastSeq = 2;
    expect(checkSeqs(behind)).not.toEqual([]);
  });
});

describe("delivery", () => {
  const truth = group();
  const clients = () => [records(truth, "a"), records(truth, "b"), records(truth, "c")];

  it("passes when every typed message is stored once, as answered", () => {
    expect(checkDelivery(truth, clients())).toEqual([]);
  });

  it("finds a 2xx for a message the database doesn't hold", () => {
    const all = clients();
    all[0]!.answers.push({ ...answer(msg(9, "a")), clientId: "lost" });
    expect(checkDelivery(truth, all).map((v) => v.rule)).toEqual(["exactly-once"]);
  });

  it("finds an answer whose seq isn't where the message is stored", () => {
    const all = clients();
    all[0]!.answers[0]!.seq = 2;
    expect(checkDelivery(truth, all)).toHaveLength(1);
  });

  it("finds a message stored twice under one clientId", () => {
    const twice = group();
    twice.messages.push({ ...msg(4, "a"), clientId: twice.messages[0]!.clientId });
    expect(
      checkDelivery(twice, [records(group(), "a")])
        .map((v) => v.detail)
        .join(),
    ).toMatch(/stored 2 times/);
  });

  it("finds a typed message neither stored nor refused, and accepts one refused explicitly", () => {
    const typed = { clientId: "x", conversationId: "c1", body: "never sent", at: 0 };
    const queued: OutboxRecord = { ...typed, order: 1, createdAt: "", state: "queued" };
    const lost = clients();
    lost[1]!.journal.push(typed);
    lost[1]!.outbox = [queued];
    expect(checkDelivery(truth, lost).map((v) => v.rule)).toEqual(["stored-or-refused"]);
    const refused = clients();
    refused[1]!.journal.push(typed);
    refused[1]!.outbox = [
      { ...queued, state: "failed", failure: { code: "forbidden", message: "no", retryable: false } },
    ];
    expect(checkDelivery(truth, refused)).toEqual([]);
    const retryable = clients();
    retryable[1]!.journal.push(typed);
    retryable[1]!.outbox = [
      { ...queued, state: "failed", failure: { code: "network", message: "no", retryable: true } },
    ];
    expect(checkDelivery(truth, retryable)).toHaveLength(1);
  });

  it("finds a message stored that nobody typed, or stored with other text", () => {
    const all = clients();
    all[0]!.journal.shift();
    all[0]!.answers.shift();
    expect(
      checkDelivery(truth, all)
        .map((v) => v.detail)
        .join(),
    ).toMatch(/never typed/);
    const changed = clients();
    changed[1]!.journal[0]!.body = "something else";
    expect(
      checkDelivery(truth, changed)
        .map((v) => v.detail)
        .join(),
    ).toMatch(/other text/);
  });
});

describe("receipts by their definition", () => {
  it("count recipients, deliveries and reads member by member", () => {
    const t = group();
    expect(expectedReceipts(t, t.messages[0]!)).toEqual({
      recipients: 2,
      delivered: 2,
      read: 2,
      status: "read",
    });
    expect(expectedReceipts(t, t.messages[2]!)).toEqual({
      recipients: 2,
      delivered: 1,
      read: 1,
      status: "sent",
    });
    expect(expectedReceipts(t, t.messages[1]!)).toEqual({
      recipients: 2,
      delivered: 2,
      read: 1,
      status: "delivered",
    });
  });

  it("leave out who joined after, keep a former member for what they were there for, and apply a cap", () => {
    const t = group();
    t.members.find((m) => m.userId === "c")!.joinedSeq = 2;
    expect(expectedReceipts(t, t.messages[0]!).recipients).toBe(1);
    t.formers.push({
      conversationId: "c1",
      userId: "d",
      joinedSeq: 0,
      leftSeq: 1,
      deliveredSeq: 1,
      publicReadSeq: 0,
    });
    expect(expectedReceipts(t, t.messages[0]!)).toMatchObject({ recipients: 2, delivered: 2, read: 1 });
    expect(expectedReceipts(t, t.messages[2]!).recipients).toBe(2);
    t.members.find((m) => m.userId === "a")!.peerReadCap = 0;
    expect(expectedReceipts(t, t.messages[2]!).read).toBe(0);
  });

  it("stay sent with nobody to receive", () => {
    const t: Truth = { ...group(), members: [member("a", { deliveredSeq: 3, readSeq: 3 })] };
    expect(expectedReceipts(t, t.messages[0]!)).toMatchObject({ recipients: 0, status: "sent" });
  });
});

describe("a client's view", () => {
  const truth = group();
  const digestOf = (userId: string): ClientDigest => ({
    user: userId,
    conversations: [expectedView(truth, userId, "c1")],
    outbox: { queued: 0, failed: 0, refused: 0 },
    quiet: true,
    subscribed: true,
  });

  it("matches when built from the database", () => {
    expect(diffClient(truth, digestOf("a"))).toEqual([]);
    expect(expectedView(truth, "c", "c1").unreadCount).toBe(2);
  });

  it("differs on a missing message, a wrong unread count, a stale tick and what is still queued", () => {
    const expected = expectedView(truth, "a", "c1");
    expect(diffView({ ...expected, messages: expected.messages.slice(0, 2) }, expected)).toEqual([
      "messages missing or different: seq 3",
    ]);
    expect(diffView({ ...expected, unreadCount: 1 }, expected)).toEqual(["unreadCount 1, database 0"]);
    const [first, ...rest] = expected.own;
    const stale: typeof expected.own = [[first![0], { ...first![1], read: 1, status: "delivered" }], ...rest];
    expect(diffView({ ...expected, own: stale }, expected)).toEqual([
      "#1: shows delivered 2/1 of 2, watermarks say read 2/2 of 2",
    ]);
    const reversed = { ...expected, messages: [...expected.messages].reverse() };
    expect(diffView(reversed, expected)).toContain("messages out of order");
    const queued = { ...digestOf("a"), outbox: { queued: 1, failed: 0, refused: 0 } };
    expect(diffClient(truth, queued)).toHaveLength(1);
  });
});

describe("watermarks only grow", () => {
  const obs = (value: number, start: number, end: number, source: ObservationLine["source"] = "ack") => ({
    source,
    key: "c1|a",
    mark: "read",
    value,
    start,
    end,
  });

  it("pass when each answer shows at least what the ones before it showed", () => {
    expect(checkMonotonic([obs(1, 0, 10), obs(2, 20, 30), obs(2, 40, 40, "db")])).toEqual([]);
  });

  it("allow requests in flight together to answer in either order", () => {
    expect(checkMonotonic([obs(5, 0, 50), obs(3, 10, 60)])).toEqual([]);
  });

  it("find a value lower than one answered before the request started", () => {
    const found = checkMonotonic([obs(5, 0, 10), obs(3, 11, 20)]);
    expect(found).toHaveLength(1);
    expect(found[0]!.rule).toBe("monotonic");
    expect(checkMonotonic([obs(4, 100, 100, "db"), obs(3, 101, 101, "db")])).toHaveLength(1);
  });

  it("keep each watermark apart", () => {
    expect(checkMonotonic([obs(5, 0, 10), { ...obs(3, 11, 20), mark: "delivered" }])).toEqual([]);
  });
});

describe("statuses", () => {
  it("allow 503 with Retry-After, and find any other 5xx", () => {
    const at = { kind: "send" as const, start: 0, end: 1 };
    expect(
      checkStatuses([
        { ...at, status: 503, retryAfter: true },
        { ...at, status: 0 },
      ]),
    ).toEqual([]);
    expect(checkStatuses([{ ...at, status: 503 }])).toHaveLength(1);
    expect(
      checkStatuses([
        { ...at, status: 500 },
        { ...at, status: 502 },
      ]),
    ).toHaveLength(2);
  });
});

it("ranges shortens a list of seqs", () => {
  expect(ranges([3, 1, 2, 7, 9, 10])).toBe("1–3, 7, 9–10");
});
