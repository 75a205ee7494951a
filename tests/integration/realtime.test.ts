// Realtime events (docs/architecture.md, "Realtime events") as real pusher-js clients receive them
// from the local server: each member one frame per message on their own channel, receipts only to
// the senders they concern. Absence of an event is checked with a sentinel: events reach one socket
// in the order they were published, so once a later event has arrived an earlier one can no longer come.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateSettings } from "@/lib/server/chat/settings";
import type { ConversationUpdatedEvent, ReceiptsEvent } from "@/lib/core/types";
import { realtimeServer } from "./context";
import {
  ack,
  ackMany,
  registerAll,
  registerAs,
  send,
  startDirect,
  startGroup,
  type TestUser,
} from "./helpers";
import { connectAs, disconnectAll, type Recorder } from "./realtime";

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
const inboxOf = async (user: TestUser) => (await connectAs(user)).subscribe(userChannel(user.id));

/** A message from `sender` that every member hears: once it has arrived, so has everything before. */
async function sentinel(recorder: Recorder, sender: TestUser, conversationId: string) {
  const { id } = await send(sender, conversationId, `sentinel ${randomUUID()}`);
  await recorder.next<ConversationUpdatedEvent>("conversation.updated", (e) => e.lastMessage?.id === id);
}

describe("a new message", () => {
  it("reaches each member once, on their own channel, without caller-specific fields", async () => {
    const chat = (await startDirect(alice, bob)).id;
    const bobs = await inboxOf(bob);
    const sent = await send(alice, chat, "live hello");

    const update = await bobs.next<ConversationUpdatedEvent>("conversation.updated");
    expect(update).toEqual({
      conversationId: chat,
      lastSeq: sent.seq,
      changeSeq: sent.changeSeq,
      lastMessage: {
        id: sent.id,
        conversationId: chat,
        seq: sent.seq,
        sender: { id: alice.id, username: "alice", name: "Alice" },
        body: "live hello",
        clientId: sent.clientId,
        createdAt: sent.createdAt,
        changeSeq: sent.changeSeq,
      },
    });
    expect(JSON.stringify(bobs.events)).not.toMatch(/passwordHash|\$argon2/);
  });

  it("is not published on the conversation's channel too (one frame per member, not two)", async () => {
    const chat = await room(alice, bob);
    const listener = await connectAs(bob);
    const onConversation = await listener.subscribe(conversationChannel(chat));
    const inbox = await listener.subscribe(userChannel(bob.id));
    await send(alice, chat, "once");
    await sentinel(inbox, alice, chat);
    expect(onConversation.events).toEqual([]);
    expect(inbox.names()).toEqual(["conversation.updated", "conversation.updated"]);
  });

  it("can carry the largest valid message (events stay under Pusher's 10 KB)", async () => {
    const chat = await room(alice, bob);
    const bobs = await inboxOf(bob);
    const worst = '"\\'.repeat(1000); // 2000 characters that JSON doubles
    await send(alice, chat, worst);
    const update = await bobs.next<ConversationUpdatedEvent>("conversation.updated");
    expect(update.lastMessage?.body).toBe(worst);
  });

  it("reaches every member of a group as one frame each, whatever their unread counts", async () => {
    const group = (await startGroup(alice, "Broadcast", [bob, carol])).id;
    await send(alice, group, "before");
    await ack(carol, group, "read", 1);
    const bobs = await inboxOf(bob);
    const carols = await inboxOf(carol);
    const frames = realtimeServer().stats().messagesSent;
    const sent = await send(alice, group, "after");
    const expected = {
      conversationId: group,
      lastSeq: 2,
      changeSeq: sent.changeSeq,
      lastMessage: expect.objectContaining({ id: sent.id }),
    };
    expect(await bobs.next("conversation.updated")).toEqual(expected);
    expect(await carols.next("conversation.updated")).toEqual(expected);
    // Two members connected, two frames: nothing else went out for this message.
    expect(realtimeServer().stats().messagesSent - frames).toBe(2);
  });
});

describe("the sender's own socket", () => {
  it("does not receive its own message (its tab already has it)", async () => {
    const chat = await room(alice, bob);
    const alices = await connectAs(alice);
    const aliceHears = await alices.subscribe(userChannel(alice.id));
    const sent = await send(alice, chat, "not echoed", { socketId: alices.socketId });
    await ack(bob, chat, "delivered", sent.seq); // the sentinel: alice hears her receipts
    await aliceHears.next<ReceiptsEvent>("receipts.updated");
    expect(aliceHears.names()).toEqual(["receipts.updated"]);
  });

  it("but another tab of the sender does receive it", async () => {
    const chat = await room(alice, carol);
    const thisTab = await connectAs(alice);
    const otherTab = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    await thisTab.subscribe(userChannel(alice.id));
    const sent = await send(alice, chat, "to my other tab", { socketId: thisTab.socketId });
    const update = await otherTab.next<ConversationUpdatedEvent>("conversation.updated");
    expect(update.lastMessage?.id).toBe(sent.id);
  });
});

describe("receipts", () => {
  it("reach the sender of the messages an ack covers, with each message's counts", async () => {
    const group = (await startGroup(bob, "Counts", [carol, alice])).id;
    await send(bob, group, "one");
    await send(bob, group, "two");
    const bobs = await inboxOf(bob);

    await ack(carol, group, "delivered", 2);
    expect(await bobs.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: group,
      receipts: [
        { seq: 2, recipients: 2, delivered: 1, read: 0 },
        { seq: 1, recipients: 2, delivered: 1, read: 0 },
      ],
    });
    await ack(carol, group, "read", 1);
    expect(
      await bobs.next<ReceiptsEvent>("receipts.updated", (e) => e.receipts.some((r) => r.read === 1)),
    ).toEqual({
      conversationId: group,
      receipts: [{ seq: 1, recipients: 2, delivered: 1, read: 1 }],
    });
  });

  it("reach nobody else: other members hear nothing of someone's ack", async () => {
    const group = await room(alice, bob, carol);
    await send(alice, group, "mine");
    const bobs = await inboxOf(bob);
    await ack(carol, group, "read", 1);
    await sentinel(bobs, alice, group);
    expect(bobs.names()).toEqual(["conversation.updated"]);
  });

  it("of several senders' messages go to each sender, with only their own messages", async () => {
    const group = await room(alice, bob, carol);
    await send(alice, group, "from alice");
    await send(bob, group, "from bob");
    const alices = await inboxOf(alice);
    const bobs = await inboxOf(bob);
    await ack(carol, group, "read", 2);
    expect((await alices.next<ReceiptsEvent>("receipts.updated")).receipts.map((r) => r.seq)).toEqual([1]);
    expect((await bobs.next<ReceiptsEvent>("receipts.updated")).receipts.map((r) => r.seq)).toEqual([2]);
  });

  it("one batch ack across conversations tells each sender about their own conversation", async () => {
    const withAlice = (await startDirect(alice, carol)).id;
    const withBob = await room(bob, carol);
    await send(alice, withAlice, "a");
    await send(bob, withBob, "b");
    const alices = await inboxOf(alice);
    const bobs = await inboxOf(bob);
    await ackMany(carol, [
      { conversationId: withAlice, read: 1 },
      { conversationId: withBob, delivered: 1 },
    ]);
    expect(await alices.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: withAlice,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 1 }],
    });
    expect(await bobs.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: withBob,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 0 }],
    });
  });
});

describe("a reply", () => {
  it("counts as having read what came before: its sender hears the new receipts", async () => {
    const chat = await room(alice, bob);
    await send(alice, chat, "question");
    const alices = await inboxOf(alice);
    await send(bob, chat, "answer"); // bob never acked: sending moved his watermarks past it
    expect(await alices.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: chat,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 1 }],
    });
  });
});

describe("a user's own channel", () => {
  it("hears the acker's own new marks after a read ack, for their other tabs", async () => {
    const chat = await room(alice, bob);
    for (const text of ["a", "b", "c"]) await send(alice, chat, text);
    const inbox = await inboxOf(bob);
    await ack(bob, chat, "read", 2);
    expect(await inbox.next<ConversationUpdatedEvent>("conversation.updated")).toEqual({
      conversationId: chat,
      lastSeq: 3,
      deliveredSeq: 2,
      readSeq: 2,
      unreadCount: 1,
    });
  });

  it("hears nothing of the acker's own delivered ack, which doesn't change the unread count", async () => {
    const chat = await room(carol, bob);
    await send(carol, chat, "x");
    const inbox = await inboxOf(bob);
    await ack(bob, chat, "delivered", 1);
    await ack(bob, chat, "read", 1); // the sentinel
    await inbox.next("conversation.updated");
    expect(inbox.events).toEqual([
      {
        event: "conversation.updated",
        data: { conversationId: chat, lastSeq: 1, deliveredSeq: 1, readSeq: 1, unreadCount: 0 },
      },
    ]);
  });

  it("learns of a new conversation it was added to", async () => {
    const inbox = await inboxOf(carol);
    const group = await startGroup(bob, "Surprise", [carol]);
    expect(await inbox.next<ConversationUpdatedEvent>("conversation.updated")).toEqual({
      conversationId: group.id,
      lastSeq: 0,
      lastMessage: null,
    });
  });
});

describe("a no-op ack", () => {
  it("publishes nothing", async () => {
    const chat = await room(alice, carol);
    await send(alice, chat, "one");
    await ack(carol, chat, "read", 1);
    const carols = await inboxOf(carol);

    const published = realtimeServer().stats().eventsPublished;
    expect(await ack(carol, chat, "read", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await ack(carol, chat, "delivered", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await ack(carol, chat, "read", 0)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await sentinel(carols, alice, chat);
    expect(carols.names()).toEqual(["conversation.updated"]);
  });
});

describe("privacy in events", () => {
  let hider: TestUser;
  beforeAll(async () => {
    hider = await registerAs("hider");
    await updateSettings({ userId: hider.id, shareReadReceipts: false });
  });

  it("a member who hides read receipts shows the sender delivered, never read", async () => {
    const group = (await startGroup(alice, "Hiding", [hider])).id;
    await send(alice, group, "seen?");
    const alices = await inboxOf(alice);
    await ack(hider, group, "read", 1);
    expect(await alices.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: group,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 0 }],
    });
  });

  it("in a direct chat, a sender who hides theirs hears no reads from the other (reciprocity)", async () => {
    const chat = (await startDirect(hider, bob)).id;
    await send(hider, chat, "do you read?");
    const hiders = await inboxOf(hider);
    await ack(bob, chat, "read", 1);
    expect(await hiders.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: chat,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 0 }],
    });
  });

  it("in a group, a sender who hides theirs still hears others' reads", async () => {
    const group = (await startGroup(hider, "Others share", [bob])).id;
    await send(hider, group, "read me");
    const hiders = await inboxOf(hider);
    await ack(bob, group, "read", 1);
    expect(await hiders.next<ReceiptsEvent>("receipts.updated")).toMatchObject({
      receipts: [{ seq: 1, read: 1 }],
    });
  });
});

describe("subscriptions", () => {
  it("are refused for a conversation the user is not in, and for someone else's channel", async () => {
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
