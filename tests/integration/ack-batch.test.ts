// POST /api/delivered: one request moves my watermarks in every conversation it names, in one
// transaction, each entry judged on its own (docs/architecture.md, "An ack").
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db/client";
import { realtimeServer } from "./context";
import {
  ackMany,
  as,
  messagesOf,
  registerAll,
  routes,
  send,
  startDirect,
  startGroup,
  summaryOf,
  watermarksOf,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let ab: string;
let group: string;
let carolsChat: string;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
  ab = (await startDirect(alice, bob)).id;
  group = (await startGroup(alice, "Batch", [bob])).id;
  carolsChat = (await startDirect(alice, carol)).id;
  for (const text of ["one", "two", "three"]) await send(alice, ab, text);
  for (const text of ["g1", "g2"]) await send(alice, group, text);
  await send(alice, carolsChat, "not bob's");
});

const post = (user: TestUser, body: unknown) => as(user).call(routes.batchAck.POST, { body });

describe("a batch of acks", () => {
  it("moves every conversation's watermarks at once and answers each", async () => {
    const results = await ackMany(bob, [
      { conversationId: ab, delivered: 3, read: 2 },
      { conversationId: group, read: 1 },
    ]);
    expect(results).toEqual([
      { conversationId: ab, deliveredSeq: 3, readSeq: 2 },
      { conversationId: group, deliveredSeq: 1, readSeq: 1 },
    ]);
    expect(await watermarksOf(ab, bob)).toEqual({ deliveredSeq: 3, readSeq: 2 });
    expect((await summaryOf(bob, group)).unreadCount).toBe(1);
    expect((await messagesOf(alice, ab)).messages.map((m) => m.status)).toEqual([
      "read",
      "read",
      "delivered",
    ]);
  });

  it("checks membership per entry: others still move, the foreign one is refused (403)", async () => {
    const results = await ackMany(bob, [
      { conversationId: carolsChat, read: 1 },
      { conversationId: group, read: 2 },
    ]);
    expect(results[0]).toEqual({
      conversationId: carolsChat,
      error: { code: "forbidden", message: expect.any(String) },
    });
    expect(results[1]).toEqual({ conversationId: group, deliveredSeq: 2, readSeq: 2 });
    expect(await watermarksOf(carolsChat, carol)).toEqual({ deliveredSeq: 0, readSeq: 0 });
  });

  it("answers not_found for an unknown or malformed conversation id, without failing the rest", async () => {
    const results = await ackMany(bob, [
      { conversationId: "cm0000000000000000000000a", delivered: 1 },
      { conversationId: "../../etc", delivered: 1 },
      { conversationId: ab, delivered: 3 },
    ]);
    expect(results.map((r) => ("error" in r ? r.error.code : "ok"))).toEqual([
      "not_found",
      "not_found",
      "ok",
    ]);
  });

  it("is monotonic and idempotent: lower or repeated marks change nothing and publish nothing", async () => {
    const published = realtimeServer().stats().eventsPublished;
    const results = await ackMany(bob, [
      { conversationId: ab, delivered: 1, read: 1 },
      { conversationId: group, read: 2 },
    ]);
    expect(results).toEqual([
      { conversationId: ab, deliveredSeq: 3, readSeq: 2 },
      { conversationId: group, deliveredSeq: 2, readSeq: 2 },
    ]);
    expect(realtimeServer().stats().eventsPublished).toBe(published);
  });

  it("takes the highest of each when one conversation is named twice", async () => {
    const chat = (await startGroup(alice, "Twice", [bob])).id;
    for (const text of ["a", "b", "c"]) await send(alice, chat, text);
    const results = await ackMany(bob, [
      { conversationId: chat, read: 1 },
      { conversationId: chat, delivered: 3 },
    ]);
    expect(results).toEqual([
      { conversationId: chat, deliveredSeq: 3, readSeq: 1 },
      { conversationId: chat, deliveredSeq: 3, readSeq: 1 },
    ]);
  });

  it("stops at the last message", async () => {
    const [r] = await ackMany(bob, [{ conversationId: ab, read: 1_000 }]);
    expect(r).toEqual({ conversationId: ab, deliveredSeq: 3, readSeq: 3 });
  });

  it("runs in one transaction: a failure part-way leaves every watermark as it was", async () => {
    const chat = (await startGroup(alice, "All or nothing", [bob])).id;
    const other = (await startGroup(alice, "Other", [bob])).id;
    await send(alice, chat, "x");
    await send(alice, other, "y");
    // The receipt marks are written last, for the whole batch: make that statement fail.
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER fail_marks BEFORE INSERT ON "ReceiptMark"
      WHEN NEW."conversationId" = '${other}' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    try {
      const answer = await post(bob, {
        marks: [
          { conversationId: chat, read: 1 },
          { conversationId: other, read: 1 },
        ],
      });
      expect(answer.status).toBe(500);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER fail_marks`);
    }
    expect(await watermarksOf(chat, bob)).toEqual({ deliveredSeq: 0, readSeq: 0 });
    expect(await watermarksOf(other, bob)).toEqual({ deliveredSeq: 0, readSeq: 0 });
  });
});

describe("bad batches", () => {
  it("are refused whole with 400: empty, over 100 conversations, or an entry with nothing to ack", async () => {
    const many = Array.from({ length: 101 }, () => ({ conversationId: ab, delivered: 1 }));
    for (const body of [
      { marks: [] },
      { marks: many },
      { marks: [{ conversationId: ab }] },
      {},
      { marks: "x" },
    ]) {
      const answer = await post(bob, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });

  it("accepts exactly 100 conversations", async () => {
    const hundred = Array.from({ length: 100 }, () => ({ conversationId: ab, delivered: 1 }));
    expect((await post(bob, { marks: hundred })).status).toBe(200);
  });

  it("are 401 signed out", async () => {
    const answer = await as(null).call(routes.batchAck.POST, {
      body: { marks: [{ conversationId: ab, read: 1 }] },
    });
    expect(answer.status).toBe(401);
  });
});
