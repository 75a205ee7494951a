// Starting conversations, listing them and paging through their history.
import { setTimeout as delay } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/core/types";
import { prisma } from "@/lib/server/db/client";
import {
  ack,
  as,
  lobbyOf,
  messagesOf,
  open,
  registerAll,
  registerAs,
  routes,
  send,
  startDirect,
  startGroup,
  summaryOf,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;

beforeAll(async () => {
  [alice, bob, carol, dave] = await registerAll("alice", "bob", "carol", "dave");
});

const create = (user: TestUser, body: unknown) => as(user).call(routes.conversations.POST, { body });
const list = async (user: TestUser): Promise<ConversationSummary[]> =>
  (await as(user).call(routes.conversations.GET)).json.conversations;

describe("a direct conversation", () => {
  it("is created once (201), then answered 200 with the same one", async () => {
    const first = await create(alice, { kind: "direct", userId: bob.id });
    expect(first.status).toBe(201);
    expect(first.json.conversation).toMatchObject({
      id: expect.any(String),
      kind: "direct",
      title: "Bob",
      members: expect.arrayContaining([
        { id: alice.id, username: "alice", name: "Alice" },
        { id: bob.id, username: "bob", name: "Bob" },
      ]),
      memberCount: 2,
      lastMessage: null,
      lastSeq: 0,
      unreadCount: 0,
    });
    const again = await create(alice, { kind: "direct", userId: bob.id });
    expect(again.status).toBe(200);
    expect(again.json.conversation.id).toBe(first.json.conversation.id);
  });

  it("is the same one when the other person starts it, titled with the other's name", async () => {
    const mine = await startDirect(alice, bob);
    const theirs = await create(bob, { kind: "direct", userId: alice.id });
    expect(theirs.status).toBe(200);
    expect(theirs.json.conversation).toMatchObject({ id: mine.id, title: "Alice" });
  });

  it("started by both at the same moment is still one conversation", async () => {
    const [a, b] = await Promise.all([
      create(carol, { kind: "direct", userId: dave.id }),
      create(dave, { kind: "direct", userId: carol.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.conversation.id).toBe(b.json.conversation.id);
    expect((await list(carol)).filter((c) => c.kind === "direct")).toHaveLength(1);
  });

  it("with oneself is refused with 422 unprocessable", async () => {
    const { status, json } = await create(alice, { kind: "direct", userId: alice.id });
    expect(status).toBe(422);
    expect(json.error.code).toBe("unprocessable");
  });

  it("with an unknown user is refused with 404 not_found", async () => {
    const { status, json } = await create(alice, { kind: "direct", userId: "cm0000000000000000000000a" });
    expect(status).toBe(404);
    expect(json.error.code).toBe("not_found");
  });
});

describe("a group", () => {
  it("is created (201) with its title and every member listed", async () => {
    const { status, json } = await create(alice, {
      kind: "group",
      title: "  Climbing  ",
      memberIds: [bob.id, carol.id],
    });
    expect(status).toBe(201);
    expect(json.conversation).toMatchObject({
      kind: "group",
      title: "Climbing",
      memberCount: 3,
      lastSeq: 0,
      unreadCount: 0,
    });
    // A group's summary counts its members rather than listing them (its cost stays flat).
    expect(json.conversation.members).toEqual([]);
    const stored = await prisma.member.findMany({ where: { conversationId: json.conversation.id } });
    expect(stored.map((m) => m.userId).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect(stored.every((m) => m.deliveredSeq === 0 && m.readSeq === 0 && m.joinedSeq === 0)).toBe(true);
    for (const member of [bob, carol]) {
      expect(await summaryOf(member, json.conversation.id)).toMatchObject({ memberCount: 3, unreadCount: 0 });
    }
  });

  it("is closed to non-members (403)", async () => {
    const group = await startGroup(alice, "Closed", [bob]);
    for (const answer of [
      await as(dave).call(routes.conversation.GET, { id: group.id }),
      await as(dave).call(routes.messages.GET, { id: group.id }),
    ]) {
      expect(answer.status).toBe(403);
    }
    expect((await list(dave)).map((c) => c.id)).not.toContain(group.id);
  });

  it("can be created twice with the same members (groups are not unique)", async () => {
    const a = await startGroup(bob, "Twice", [carol]);
    const b = await startGroup(bob, "Twice", [carol]);
    expect(a.id).not.toBe(b.id);
  });

  it("counts repeated member ids and the creator once", async () => {
    const group = await startGroup(alice, "Dedup", [bob, bob, alice]);
    expect(group.memberCount).toBe(2);
  });

  it("with only the creator is refused with 422", async () => {
    const { status } = await create(alice, { kind: "group", title: "Just me", memberIds: [alice.id] });
    expect(status).toBe(422);
  });

  it("with an unknown member is refused with 404 and not created", async () => {
    const before = (await list(alice)).length;
    const { status } = await create(alice, {
      kind: "group",
      title: "Ghost",
      memberIds: [bob.id, "cm0000000000000000000000a"],
    });
    expect(status).toBe(404);
    expect(await list(alice)).toHaveLength(before);
  });
});

describe("the conversation list", () => {
  it("includes the lobby for everyone", async () => {
    const lobbies = await Promise.all([alice, bob, carol, dave].map(async (u) => (await lobbyOf(u)).id));
    expect(new Set(lobbies).size).toBe(1);
    expect((await lobbyOf(dave)).title).toBe("Lobby");
    expect((await lobbyOf(dave)).memberCount).toBe(4);
  });

  it("puts the conversation with the newest activity first", async () => {
    const erin = await registerAs("erin");
    const older = await startGroup(erin, "Older", [alice]);
    await delay(5); // timestamps have millisecond resolution
    const newer = await startGroup(erin, "Newer", [alice]);
    await delay(5);
    const lobby = await lobbyOf(erin);
    expect((await list(erin)).map((c) => c.id)).toEqual([newer.id, older.id, lobby.id]);

    await send(alice, older.id, "bump");
    expect((await list(erin)).map((c) => c.id)).toEqual([older.id, newer.id, lobby.id]);
    await delay(5);
    await send(bob, lobby.id, "hello lobby");
    expect((await list(erin)).map((c) => c.id)).toEqual([lobby.id, older.id, newer.id]);
  });

  it("is not reordered by acks, which are not activity", async () => {
    const frank = await registerAs("frank");
    const first = await startGroup(frank, "First", [bob]);
    await send(bob, first.id, "in first");
    await delay(5);
    const second = await startGroup(frank, "Second", [bob]);
    await send(bob, second.id, "in second");
    await ack(frank, first.id, "read", 1);
    expect((await list(frank)).slice(0, 2).map((c) => c.id)).toEqual([second.id, first.id]);
  });

  it("shows each conversation's unread count and last message", async () => {
    const chat = await startDirect(dave, bob);
    await send(bob, chat.id, "one");
    await send(bob, chat.id, "two");
    const summary = (await list(dave)).find((c) => c.id === chat.id);
    expect(summary).toMatchObject({
      unreadCount: 2,
      lastSeq: 2,
      lastMessage: { seq: 2, body: "two", sender: { id: bob.id } },
    });
    await ack(dave, chat.id, "read", 1);
    expect((await list(dave)).find((c) => c.id === chat.id)?.unreadCount).toBe(1);
  });
});

describe("paging through history", () => {
  let chat: string;
  const seqs = (page: { messages: { seq: number }[] }) => page.messages.map((m) => m.seq);

  beforeAll(async () => {
    chat = (await startGroup(carol, "History", [bob])).id;
    for (let i = 1; i <= 55; i++) await send(i % 2 ? carol : bob, chat, `message ${i}`);
  });

  it("without a cursor answers the latest 50, ascending, with hasMore", async () => {
    const page = await messagesOf(bob, chat);
    expect(seqs(page)).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    expect(page.hasMore).toBe(true);
  });

  it("opening a conversation answers the same latest page", async () => {
    const detail = await open(bob, chat);
    expect(detail.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    expect(detail.hasMore).toBe(true);
  });

  it("honours limit", async () => {
    const page = await messagesOf(bob, chat, { limit: 3 });
    expect(seqs(page)).toEqual([53, 54, 55]);
    expect(page.hasMore).toBe(true);
  });

  it("?before= answers the page just before a seq, ascending", async () => {
    expect(await messagesOf(bob, chat, { before: 10, limit: 4 }).then(seqs)).toEqual([6, 7, 8, 9]);
    const first = await messagesOf(bob, chat, { before: 4, limit: 10 });
    expect(seqs(first)).toEqual([1, 2, 3]);
    expect(first.hasMore).toBe(false);
    const exact = await messagesOf(bob, chat, { before: 4, limit: 3 });
    expect(seqs(exact)).toEqual([1, 2, 3]);
    expect(exact.hasMore).toBe(false);
  });

  it("?after= answers the messages just after a seq, ascending", async () => {
    const next = await messagesOf(bob, chat, { after: 50, limit: 3 });
    expect(seqs(next)).toEqual([51, 52, 53]);
    expect(next.hasMore).toBe(true);
    const tail = await messagesOf(bob, chat, { after: 52 });
    expect(seqs(tail)).toEqual([53, 54, 55]);
    expect(tail.hasMore).toBe(false);
    const none = await messagesOf(bob, chat, { after: 55 });
    expect(none).toEqual({ messages: [], hasMore: false });
  });

  it("?after=0 catches up from the start", async () => {
    const page = await messagesOf(bob, chat, { after: 0, limit: 100 });
    expect(seqs(page)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
    expect(page.hasMore).toBe(false);
  });

  it("walking back with ?before= visits every message once", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await messagesOf(bob, chat, { limit: 20, ...(before ? { before } : {}) });
      seen.unshift(...seqs(page));
      if (!page.hasMore) break;
      before = page.messages[0]!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
  });
});
