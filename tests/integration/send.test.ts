// Sending: one message per clientId however often it is retried, gap-free seqs per conversation,
// and the sender's own watermarks moved to what they wrote.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  as,
  messagesOf,
  open,
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
let dave: TestUser;

beforeAll(async () => {
  [alice, bob, carol, dave] = await registerAll("alice", "bob", "carol", "dave");
});

const post = (user: TestUser, conversationId: string, body: string, clientId: string) =>
  as(user).call(routes.messages.POST, { id: conversationId, body: { body, clientId } });

describe("a new message", () => {
  it("is answered 201 with the stored message, its sender and its status", async () => {
    const chat = (await startDirect(alice, bob)).id;
    const clientId = randomUUID();
    const { status, json } = await post(alice, chat, "hello", clientId);
    expect(status).toBe(201);
    expect(json).toEqual({
      message: {
        id: expect.any(String),
        conversationId: chat,
        seq: 1,
        sender: { id: alice.id, username: "alice", name: "Alice" },
        body: "hello",
        clientId,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        changeSeq: 1,
        status: "sent",
        receipts: { recipients: 1, delivered: 0, read: 0 },
      },
    });
  });

  it("is shown to the recipient without the sender-only status and receipts", async () => {
    const chat = (await startDirect(alice, carol)).id;
    await send(alice, chat, "for carol");
    const [seen] = (await messagesOf(carol, chat)).messages;
    expect(seen).toMatchObject({ body: "for carol", sender: { id: alice.id } });
    expect(seen).not.toHaveProperty("status");
    expect(seen).not.toHaveProperty("receipts");
  });
});

describe("sending again with the same clientId", () => {
  let chat: string;
  beforeAll(async () => {
    chat = (await startDirect(bob, carol)).id;
  });

  it("answers 200 with the same message (same id and seq) and stores it once", async () => {
    const clientId = randomUUID();
    const first = await post(bob, chat, "once", clientId);
    const again = await post(bob, chat, "once", clientId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.message).toMatchObject({
      id: first.json.message.id,
      seq: first.json.message.seq,
      body: "once",
      clientId,
    });
    expect((await messagesOf(bob, chat)).messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it("10 concurrent identical requests store exactly one message", async () => {
    const before = (await summaryOf(bob, chat)).lastSeq;
    const clientId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(bob, chat, "racing", clientId)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json.message.id));
    const seqs = new Set(answers.map((a) => a.json.message.seq));
    expect(ids.size).toBe(1);
    expect([...seqs]).toEqual([before + 1]);
    const stored = (await messagesOf(bob, chat)).messages.filter((m) => m.clientId === clientId);
    expect(stored).toHaveLength(1);
    // No seq was burnt by the losers: the next message follows directly.
    expect((await send(bob, chat, "next")).seq).toBe(before + 2);
  });

  it("but a different body is refused with 409 conflict", async () => {
    const clientId = randomUUID();
    await post(bob, chat, "original", clientId);
    const { status, json } = await post(bob, chat, "changed", clientId);
    expect(status).toBe(409);
    expect(json.error.code).toBe("conflict");
    expect((await messagesOf(bob, chat)).messages.find((m) => m.clientId === clientId)?.body).toBe(
      "original",
    );
  });

  it("but in another conversation is refused with 409 conflict", async () => {
    const clientId = randomUUID();
    await post(bob, chat, "here", clientId);
    const elsewhere = (await startDirect(bob, dave)).id;
    const { status } = await post(bob, elsewhere, "here", clientId);
    expect(status).toBe(409);
    expect((await messagesOf(bob, elsewhere)).messages).toEqual([]);
  });

  it("from another sender is another message", async () => {
    const clientId = randomUUID();
    const mine = await post(bob, chat, "same words", clientId);
    const theirs = await post(carol, chat, "same words", clientId);
    expect(theirs.status).toBe(201);
    expect(theirs.json.message.id).not.toBe(mine.json.message.id);
    expect(theirs.json.message.seq).toBe(mine.json.message.seq + 1);
  });
});

describe("sequence numbers", () => {
  it("count 1, 2, 3… per conversation", async () => {
    const group = (await startGroup(alice, "Counting", [bob])).id;
    const other = (await startGroup(alice, "Elsewhere", [bob])).id;
    expect((await send(alice, group, "one")).seq).toBe(1);
    expect((await send(bob, other, "one elsewhere")).seq).toBe(1);
    expect((await send(bob, group, "two")).seq).toBe(2);
    expect((await send(alice, group, "three")).seq).toBe(3);
  });

  it("stay gap-free under 40 concurrent sends from 4 users", async () => {
    const group = (await startGroup(alice, "Busy", [bob, carol, dave])).id;
    const senders = [alice, bob, carol, dave];
    const sends = senders.flatMap((user) =>
      Array.from({ length: 10 }, (_, i) => post(user, group, `${user.username} ${i}`, randomUUID())),
    );
    const answers = await Promise.all(sends);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const seqs = answers.map((a) => a.json.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const { messages } = await messagesOf(dave, group, { limit: 100 });
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const user of senders) {
      expect(messages.filter((m) => m.sender.id === user.id)).toHaveLength(10);
    }
    expect((await summaryOf(carol, group)).lastSeq).toBe(40);
  });
});

describe("the sender's own watermarks", () => {
  it("move to the seq of the message they sent", async () => {
    const group = (await startGroup(carol, "Marks", [alice, bob])).id;
    await send(alice, group, "first");
    const { seq } = await send(carol, group, "second");
    expect(await watermarksOf(group, carol)).toEqual({ deliveredSeq: seq, readSeq: seq });
    expect(await watermarksOf(group, alice)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await watermarksOf(group, bob)).toEqual({ deliveredSeq: 0, readSeq: 0 });
  });

  it("leave the recipient's unread count at the number of messages after their readSeq", async () => {
    const chat = (await startDirect(dave, alice)).id;
    for (const text of ["a", "b", "c"]) await send(dave, chat, text);
    expect((await summaryOf(alice, chat)).unreadCount).toBe(3);
    expect((await open(alice, chat)).conversation.unreadCount).toBe(3);
  });

  it("mean one's own messages are never unread", async () => {
    const chat = (await startDirect(dave, carol)).id;
    await send(carol, chat, "from carol");
    await send(dave, chat, "from dave");
    await send(dave, chat, "again from dave");
    expect((await summaryOf(dave, chat)).unreadCount).toBe(0);
    // Replying reads everything before it: carol's message counts as read by dave too.
    expect((await summaryOf(carol, chat)).unreadCount).toBe(2);
  });
});
