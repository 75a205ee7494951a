// Realtime events (docs/architecture.md, "Realtime events") as real pusher-js clients receive them from the local server.
// Absence of an event is checked with a sentinel: events reach one socket in the order they were
// published, so once a later event has arrived an earlier one can no longer come.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db/client";
import type { ConversationUpdatedEvent, Message, ReceiptsEvent } from "@/lib/core/types";
import { realtimeServer } from "./context";
import { ack, registerAll, registerAs, send, startDirect, startGroup, type TestUser } from "./helpers";
import { connectAs, disconnectAll } from "./realtime";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
});

afterEach(() => disconnectAll());

/** A new conversation for one test (direct chats are unique per pair, so most tests use a group). */
const room = async (owner: TestUser, ...others: TestUser[]) => (await startGroup(owner, "Room", others)).id;

const conversationChannel = (id: string) => `private-conversation-${id}`;
const userChannel = (id: string) => `private-user-${id}`;

describe("a member subscribed to a conversation", () => {
  it("receives message.created with the message, without caller-specific fields", async () => {
    const chat = (await startDirect(alice, bob)).id;
    const bobs = await (await connectAs(bob)).subscribe(conversationChannel(chat));
    const sent = await send(alice, chat, "live hello");

    const { message } = await bobs.next<{ message: Message }>("message.created");
    expect(message).toEqual({
      id: sent.id,
      conversationId: chat,
      seq: sent.seq,
      sender: { id: alice.id, username: "alice", name: "Alice" },
      body: "live hello",
      clientId: sent.clientId,
      createdAt: sent.createdAt,
    });
    expect(JSON.stringify(bobs.events)).not.toMatch(/passwordHash|\$argon2/);
  });

  it("receives the sender's moved watermarks as receipts.updated", async () => {
    const chat = (await startDirect(alice, carol)).id;
    const carols = await (await connectAs(carol)).subscribe(conversationChannel(chat));
    const sent = await send(alice, chat, "moves my watermarks");
    const receipts = await carols.next<ReceiptsEvent>("receipts.updated", (r) => r.userId === alice.id);
    expect(receipts).toEqual({
      conversationId: chat,
      userId: alice.id,
      deliveredSeq: sent.seq,
      readSeq: sent.seq,
    });
  });

  it("receives receipts.updated when another member acknowledges", async () => {
    const chat = (await startDirect(bob, carol)).id;
    await send(bob, chat, "one");
    await send(bob, chat, "two");
    const bobs = await (await connectAs(bob)).subscribe(conversationChannel(chat));

    await ack(carol, chat, "delivered", 2);
    expect(await bobs.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: chat,
      userId: carol.id,
      deliveredSeq: 2,
      readSeq: 0,
    });
    await ack(carol, chat, "read", 1);
    expect(await bobs.next<ReceiptsEvent>("receipts.updated", (r) => r.readSeq === 1)).toEqual({
      conversationId: chat,
      userId: carol.id,
      deliveredSeq: 2,
      readSeq: 1,
    });
  });

  it("can carry the largest valid message (events stay under Pusher's 10 KB)", async () => {
    const chat = await room(alice, bob);
    const bobs = await (await connectAs(bob)).subscribe(conversationChannel(chat));
    const worst = '"\\'.repeat(1000); // 2000 characters that JSON doubles
    await send(alice, chat, worst);
    const { message } = await bobs.next<{ message: Message }>("message.created");
    expect(message.body).toBe(worst);
  });
});

describe("the sender's own socket", () => {
  it("does not receive its own message.created (its tab already has it)", async () => {
    const chat = await room(alice, bob);
    const alices = await connectAs(alice);
    const aliceHears = await alices.subscribe(conversationChannel(chat));
    const bobHears = await (await connectAs(bob)).subscribe(conversationChannel(chat));

    const sent = await send(alice, chat, "not echoed", { socketId: alices.socketId });
    await bobHears.next("message.created");
    await ack(bob, chat, "delivered", sent.seq); // the sentinel

    await aliceHears.next<ReceiptsEvent>("receipts.updated", (r) => r.userId === bob.id);
    expect(aliceHears.names()).toEqual(["receipts.updated"]);
  });

  it("but another tab of the sender does receive it", async () => {
    const chat = await room(alice, carol);
    const thisTab = await connectAs(alice);
    const otherTab = await (await connectAs(alice)).subscribe(conversationChannel(chat));
    await thisTab.subscribe(conversationChannel(chat));
    const sent = await send(alice, chat, "to my other tab", { socketId: thisTab.socketId });
    expect((await otherTab.next<{ message: Message }>("message.created")).message.id).toBe(sent.id);
  });
});

describe("a user's own channel", () => {
  it("receives conversation.updated with the recipient's unread count", async () => {
    const chat = await room(carol, bob);
    const inbox = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    await send(carol, chat, "first");
    const second = await send(carol, chat, "second");

    const update = await inbox.next<ConversationUpdatedEvent>("conversation.updated", (u) => u.lastSeq === 2);
    expect(update).toEqual({
      conversationId: chat,
      lastSeq: 2,
      lastMessage: expect.objectContaining({ id: second.id, seq: 2, body: "second" }),
      unreadCount: 2,
    });
    expect(inbox.events.map((e) => (e.data as ConversationUpdatedEvent).unreadCount)).toEqual([1, 2]);
  });

  it("tells the sender's other tabs their unread count is 0", async () => {
    const chat = await room(carol, alice);
    const inbox = await (await connectAs(carol)).subscribe(userChannel(carol.id));
    await send(alice, chat, "to carol");
    await send(carol, chat, "reply");
    expect(
      await inbox.next<ConversationUpdatedEvent>("conversation.updated", (u) => u.lastSeq === 2),
    ).toMatchObject({
      unreadCount: 0,
    });
  });

  it("tells every group member, each with their own unread count", async () => {
    const group = (await startGroup(alice, "Broadcast", [bob, carol])).id;
    await send(alice, group, "before");
    await ack(carol, group, "read", 1);
    const bobs = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    const carols = await (await connectAs(carol)).subscribe(userChannel(carol.id));
    await send(alice, group, "after");
    expect(await bobs.next<ConversationUpdatedEvent>("conversation.updated")).toMatchObject({
      conversationId: group,
      unreadCount: 2,
    });
    expect(await carols.next<ConversationUpdatedEvent>("conversation.updated")).toMatchObject({
      conversationId: group,
      unreadCount: 1,
    });
  });

  it("receives the acker's new unread count after a read ack, for their other tabs", async () => {
    const chat = await room(alice, bob);
    for (const text of ["a", "b", "c"]) await send(alice, chat, text);
    const inbox = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    await ack(bob, chat, "read", 2);
    expect(await inbox.next<ConversationUpdatedEvent>("conversation.updated")).toEqual({
      conversationId: chat,
      lastSeq: 3,
      unreadCount: 1,
    });
  });

  it("hears nothing from a delivered ack, which does not change the unread count", async () => {
    const chat = await room(carol, bob);
    await send(carol, chat, "x");
    const inbox = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    await ack(bob, chat, "delivered", 1);
    await ack(bob, chat, "read", 1); // the sentinel
    await inbox.next("conversation.updated");
    expect(inbox.events).toEqual([
      { event: "conversation.updated", data: { conversationId: chat, lastSeq: 1, unreadCount: 0 } },
    ]);
  });

  it("learns of a new conversation it was added to", async () => {
    const inbox = await (await connectAs(carol)).subscribe(userChannel(carol.id));
    const group = await startGroup(bob, "Surprise", [carol]);
    expect(await inbox.next<ConversationUpdatedEvent>("conversation.updated")).toEqual({
      conversationId: group.id,
      lastSeq: 0,
      lastMessage: null,
      unreadCount: 0,
    });
  });
});

describe("a no-op ack", () => {
  it("publishes nothing", async () => {
    const chat = await room(alice, carol);
    await send(alice, chat, "one");
    await ack(carol, chat, "read", 1);
    const hears = await (await connectAs(alice)).subscribe(conversationChannel(chat));
    const inbox = await (await connectAs(carol)).subscribe(userChannel(carol.id));

    const published = realtimeServer().stats().eventsPublished;
    expect(await ack(carol, chat, "read", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await ack(carol, chat, "delivered", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await ack(carol, chat, "read", 0)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await send(alice, chat, "sentinel");
    await hears.next("receipts.updated");
    await inbox.next("conversation.updated");
    expect(hears.names()).toEqual(["message.created", "receipts.updated"]);
    expect(inbox.names()).toEqual(["conversation.updated"]);
  });
});

describe("privacy in events", () => {
  let hider: TestUser;
  beforeAll(async () => {
    hider = await registerAs("hider");
    await prisma.user.update({ where: { id: hider.id }, data: { shareReadReceipts: false } });
  });

  it("a member who hides read receipts is broadcast with readSeq null", async () => {
    const group = (await startGroup(alice, "Hiding", [hider])).id;
    await send(alice, group, "seen?");
    const hears = await (await connectAs(alice)).subscribe(conversationChannel(group));
    await ack(hider, group, "read", 1);
    expect(await hears.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: group,
      userId: hider.id,
      deliveredSeq: 1,
      readSeq: null,
    });
  });

  it("in a direct chat with someone who hides theirs, a read ack is broadcast with readSeq null", async () => {
    const chat = (await startDirect(hider, bob)).id;
    await send(hider, chat, "do you read?");
    const hears = await (await connectAs(hider)).subscribe(conversationChannel(chat));
    await ack(bob, chat, "read", 1);
    expect(await hears.next<ReceiptsEvent>("receipts.updated")).toMatchObject({
      userId: bob.id,
      deliveredSeq: 1,
      readSeq: null,
    });
  });

  it("in a group, others' read acks are broadcast to someone who hides theirs", async () => {
    const group = (await startGroup(hider, "Others share", [bob])).id;
    await send(hider, group, "read me");
    const hears = await (await connectAs(hider)).subscribe(conversationChannel(group));
    await ack(bob, group, "read", 1);
    expect(await hears.next<ReceiptsEvent>("receipts.updated")).toMatchObject({ userId: bob.id, readSeq: 1 });
  });

  it("a sender who hides read receipts is broadcast with readSeq null when sending", async () => {
    const group = (await startGroup(bob, "Sender hides", [hider])).id;
    const hears = await (await connectAs(bob)).subscribe(conversationChannel(group));
    const sent = await send(hider, group, "mine");
    expect(await hears.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: group,
      userId: hider.id,
      deliveredSeq: sent.seq,
      readSeq: null,
    });
  });
});

describe("subscriptions", () => {
  it("are refused for a conversation the user is not in", async () => {
    const chat = await room(alice, bob);
    const carols = await connectAs(carol);
    await expect(carols.subscribe(conversationChannel(chat))).rejects.toThrow(/refused/);
    await expect(carols.subscribe(userChannel(alice.id))).rejects.toThrow(/refused/);
  });

  it("to a conversation's presence channel list its online members", async () => {
    const chat = await room(alice, bob);
    await (await connectAs(alice)).subscribe(`presence-conversation-${chat}`);
    const bobs = await connectAs(bob);
    const presence = await bobs.subscribe(`presence-conversation-${chat}`);
    const members = presence.channel as unknown as {
      members: { me: { id: string }; count: number; get(id: string): unknown };
    };
    expect(members.members.me.id).toBe(bob.id);
    expect(members.members.count).toBe(2);
    expect(members.members.get(alice.id)).toEqual({
      id: alice.id,
      info: { name: "Alice", username: "alice" },
    });
  });
});
