// Issue 15, managing a group (docs/architecture.md, "Groups"): rename, add, remove, leave — each as
// signed out / outside / a plain member / an admin, refused for the lobby and direct chats; what a
// removed member may still do (read up to when they left) and may not (send, ack, react, subscribe);
// and recipients fixed at send time across membership changes.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { conversationChannel, userChannel } from "@/lib/core/realtime/channels";
import type { ConversationUpdatedEvent, Message } from "@/lib/core/types";
import { prisma } from "@/lib/server/db/client";
import {
  ack,
  ackMany,
  anonymous,
  as,
  lobbyOf,
  messagesOf,
  open,
  receiptsOf,
  registerAll,
  routes,
  send,
  startDirect,
  startGroup,
  type TestUser,
} from "./helpers";
import { connectAs, disconnectAll } from "./realtime";

let alice: TestUser; // creates the groups: their admin
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let erin: TestUser; // in nothing but the lobby

beforeAll(async () => {
  [alice, bob, carol, dave, erin] = await registerAll("alice", "bob", "carol", "dave", "erin");
});

afterEach(() => disconnectAll());

const rename = (user: TestUser | null, id: string, title: unknown) =>
  as(user).call(routes.conversation.PATCH, { method: "PATCH", id, body: { title } });
const add = (user: TestUser | null, id: string, userIds: unknown) =>
  as(user).call(routes.members.POST, { id, body: { userIds } });
const removeMember = (user: TestUser | null, id: string, target: { id: string }) =>
  as(user).call(routes.member.DELETE, { method: "DELETE", id, userId: target.id });
const membersOf = (user: TestUser | null, id: string, after?: string) =>
  as(user).call(routes.members.GET, { id, ...(after ? { query: { after } } : {}) });

const lastLine = async (user: TestUser, id: string) =>
  (await messagesOf(user, id)).messages.filter((m) => m.system).at(-1);

const pusherAuth = (user: TestUser, channel: string) =>
  as(user).call(routes.pusherAuth.POST, {
    body: new URLSearchParams({ socket_id: "1.2", channel_name: channel }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("renaming a group", () => {
  it("is for its admins: the title changes, a system line says so, members hear it", async () => {
    const g = (await startGroup(alice, "Old name", [bob])).id;
    const bobs = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    const answer = await rename(alice, g, "  New name  ");
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.conversation).toMatchObject({ id: g, title: "New name", role: "admin" });
    expect((await open(bob, g)).conversation.title).toBe("New name");
    const line = await lastLine(bob, g);
    expect(line?.system).toEqual({ type: "renamed", title: "New name" });
    expect(line?.sender.id).toBe(alice.id);
    expect(line?.status).toBeUndefined();
    const event = await bobs.next<ConversationUpdatedEvent>(
      "conversation.updated",
      (e) => e.title === "New name",
    );
    expect(event.lastMessage?.system).toEqual({ type: "renamed", title: "New name" });
  });

  it("the same title again writes no second line", async () => {
    const g = (await startGroup(alice, "Same", [bob])).id;
    expect((await rename(alice, g, "Same")).status).toBe(200);
    expect((await messagesOf(alice, g)).messages.filter((m) => m.system)).toHaveLength(0);
  });

  it("is refused to a plain member (403), outside (403), signed out (401), and for bad titles (400)", async () => {
    const g = (await startGroup(alice, "Guarded", [bob])).id;
    expect((await rename(bob, g, "Bob's now")).status).toBe(403);
    expect((await rename(erin, g, "Erin's now")).status).toBe(403);
    expect((await rename(null, g, "Nobody's")).status).toBe(401);
    for (const title of ["", "   ", "x".repeat(65), "a\u0000b", 5, null]) {
      expect((await rename(alice, g, title)).status, JSON.stringify(title)).toBe(400);
    }
    expect((await open(alice, g)).conversation.title).toBe("Guarded");
  });

  it("is refused for the lobby and a direct chat (422)", async () => {
    const lobby = await lobbyOf(alice);
    const direct = (await startDirect(alice, bob)).id;
    expect((await rename(alice, lobby.id, "My lobby")).status).toBe(422);
    expect((await rename(alice, direct, "Just us")).status).toBe(422);
  });
});

describe("adding members", () => {
  it("is for admins: the new member gets the group and a system line names them", async () => {
    const g = (await startGroup(alice, "Growing", [bob])).id;
    const answer = await add(alice, g, [carol.id]);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.conversation).toMatchObject({ id: g, memberCount: 3 });
    const line = await lastLine(carol, g);
    expect(line?.system).toEqual({ type: "added", targets: [expect.objectContaining({ id: carol.id })] });
    const members = (await membersOf(bob, g)).json.members as { user: { id: string }; role: string }[];
    expect(members.map((m) => m.user.id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect(members.find((m) => m.user.id === alice.id)?.role).toBe("admin");
    expect(members.find((m) => m.user.id === carol.id)?.role).toBe("member");
  });

  it("adding someone already in it (or myself) writes nothing", async () => {
    const g = (await startGroup(alice, "Steady", [bob])).id;
    expect((await add(alice, g, [bob.id, alice.id])).status).toBe(200);
    expect((await messagesOf(alice, g)).messages.filter((m) => m.system)).toHaveLength(0);
  });

  it("is refused to a plain member (403), outside (403), signed out (401); unknown users 404; bad ids 400", async () => {
    const g = (await startGroup(alice, "Closed", [bob])).id;
    expect((await add(bob, g, [carol.id])).status).toBe(403);
    expect((await add(erin, g, [erin.id])).status).toBe(403);
    expect((await add(null, g, [carol.id])).status).toBe(401);
    expect((await add(alice, g, ["nosuchuser123"])).status).toBe(404);
    for (const ids of [[], ["UPPER"], "x", null]) {
      expect((await add(alice, g, ids)).status, JSON.stringify(ids)).toBe(400);
    }
    expect(await prisma.member.count({ where: { conversationId: g } })).toBe(2);
  });

  it("is refused for the lobby and a direct chat (422)", async () => {
    const lobby = await lobbyOf(alice);
    const direct = (await startDirect(alice, carol)).id;
    expect((await add(alice, lobby.id, [erin.id])).status).toBe(422);
    expect((await add(alice, direct, [erin.id])).status).toBe(422);
  });
});

describe("listing members", () => {
  it("is for members (403 outside, 401 signed out)", async () => {
    const g = (await startGroup(alice, "Listed", [bob])).id;
    expect((await membersOf(erin, g)).status).toBe(403);
    expect((await membersOf(null, g)).status).toBe(401);
    const answer = await membersOf(bob, g);
    expect(answer.status).toBe(200);
    expect(answer.json.next).toBeNull();
  });

  it("pages 50 at a time with `next`, each member once", async () => {
    const many = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        prisma.user.create({
          data: { username: `many${i}_${randomUUID().slice(0, 6)}`, name: `Many ${i}`, passwordHash: "x" },
          select: { id: true },
        }),
      ),
    );
    const g = (await startGroup(alice, "Crowd", [bob])).id;
    expect(
      (
        await add(
          alice,
          g,
          many.map((u) => u.id),
        )
      ).status,
    ).toBe(200);
    const first = await membersOf(bob, g);
    expect(first.json.members).toHaveLength(50);
    expect(first.json.next).toEqual(expect.any(String));
    const second = await membersOf(bob, g, first.json.next);
    expect(second.json.next).toBeNull();
    const ids = [...first.json.members, ...second.json.members].map(
      (m: { user: { id: string } }) => m.user.id,
    );
    expect(ids).toHaveLength(57);
    expect(new Set(ids).size).toBe(57);
  });
});

describe("removing a member and leaving", () => {
  it("an admin removes someone: a system line, the group's count drops, they hear they left", async () => {
    const g = (await startGroup(alice, "Shrinking", [bob, carol])).id;
    const carols = await (await connectAs(carol)).subscribe(userChannel(carol.id));
    const answer = await removeMember(alice, g, carol);
    expect(answer.status, answer.text).toBe(200);
    expect((await open(alice, g)).conversation.memberCount).toBe(2);
    const line = await lastLine(bob, g);
    expect(line?.system).toEqual({ type: "removed", targets: [expect.objectContaining({ id: carol.id })] });
    const event = await carols.next<ConversationUpdatedEvent>("conversation.updated", (e) => e.left === true);
    expect(event.lastMessage?.seq).toBe(line?.seq);
    expect(await prisma.formerMember.count({ where: { conversationId: g, userId: carol.id } })).toBe(1);
  });

  it("a plain member can't remove others (403); anyone can leave (a 'left' line)", async () => {
    const g = (await startGroup(alice, "Door", [bob, carol])).id;
    expect((await removeMember(bob, g, carol)).status).toBe(403);
    expect((await removeMember(bob, g, alice)).status).toBe(403);
    expect((await removeMember(erin, g, carol)).status).toBe(403);
    expect((await removeMember(null, g, carol)).status).toBe(401);
    expect((await removeMember(bob, g, bob)).status).toBe(200);
    expect((await lastLine(alice, g))?.system).toEqual({ type: "left" });
    expect((await open(alice, g)).conversation.memberCount).toBe(2);
  });

  it("removing someone who isn't a member, or a malformed id, answers 404", async () => {
    const g = (await startGroup(alice, "Nobody", [bob])).id;
    expect((await removeMember(alice, g, erin)).status).toBe(404);
    expect((await removeMember(alice, g, { id: "BAD!" })).status).toBe(404);
  });

  it("is refused for the lobby and a direct chat (422)", async () => {
    const lobby = await lobbyOf(bob);
    const direct = (await startDirect(bob, carol)).id;
    expect((await removeMember(bob, lobby.id, bob)).status).toBe(422);
    expect((await removeMember(bob, direct, bob)).status).toBe(422);
    expect((await removeMember(bob, direct, carol)).status).toBe(422);
  });
});

describe("a removed member", () => {
  let g: string;
  let before: Message; // sent while dave was a member
  let leftSeq: number;

  beforeAll(async () => {
    g = (await startGroup(alice, "Former", [bob, dave])).id;
    before = await send(alice, g, "while dave was here");
    expect((await removeMember(alice, g, dave)).status).toBe(200);
    leftSeq = (await lastLine(alice, g))!.seq;
    await send(alice, g, "after dave: do not show");
    await send(bob, g, "after dave: nor this");
  });

  it("can't send (403), ack (403 / an error in the batch) or react (403)", async () => {
    const sent = await as(dave).call(routes.messages.POST, {
      id: g,
      body: { body: "still here?", clientId: randomUUID() },
    });
    expect(sent.status).toBe(403);
    expect((await as(dave).call(routes.delivered.POST, { id: g, body: { upTo: 1 } })).status).toBe(403);
    expect((await as(dave).call(routes.read.POST, { id: g, body: { upTo: 1 } })).status).toBe(403);
    const [result] = await ackMany(dave, [{ conversationId: g, delivered: 1 }]);
    expect(result).toHaveProperty("error");
    expect(
      (
        await as(dave).call(routes.reactions.POST, {
          id: g,
          seq: before.seq,
          body: { emoji: "👍", on: true },
        })
      ).status,
    ).toBe(403);
    expect(await prisma.message.count({ where: { conversationId: g, body: "still here?" } })).toBe(0);
  });

  it("can read the history up to the line that removed them, and nothing after", async () => {
    const page = await messagesOf(dave, g);
    expect(page.messages.map((m) => m.seq)).toContain(before.seq);
    expect(Math.max(...page.messages.map((m) => m.seq))).toBe(leftSeq);
    expect(JSON.stringify(page)).not.toContain("after dave");
    const later = await messagesOf(dave, g, { after: leftSeq });
    expect(later.messages).toEqual([]);
    const detail = await as(dave).call(routes.conversation.GET, { id: g });
    if (detail.status === 200) {
      expect(JSON.stringify(detail.json)).not.toContain("after dave");
      expect(detail.json.conversation.role).toBeNull();
    } else {
      expect([403, 404]).toContain(detail.status);
    }
  });

  it("isn't allowed the conversation's private channel any more, nor to manage the group", async () => {
    expect((await pusherAuth(dave, conversationChannel(g))).status).toBe(403);
    expect((await pusherAuth(bob, conversationChannel(g))).status).toBe(200);
    expect((await membersOf(dave, g)).status).toBe(403);
    expect((await rename(dave, g, "Dave's")).status).toBe(403);
    expect((await add(dave, g, [dave.id])).status).toBe(403);
  });

  it("added again, gets a new window: not a recipient of what was sent while away, still one of before", async () => {
    const g2 = (await startGroup(alice, "Again", [dave])).id;
    const first = await send(alice, g2, "first time");
    await ack(dave, g2, "read", first.seq);
    expect((await removeMember(alice, g2, dave)).status).toBe(200);
    const away = await send(alice, g2, "while away");
    expect(away.receipts).toMatchObject({ recipients: 0 });
    expect((await add(alice, g2, [dave.id])).status).toBe(200);
    const back = await send(alice, g2, "welcome back");
    expect(back.receipts).toMatchObject({ recipients: 1 });
    await ack(dave, g2, "read", back.seq);
    const own = (await open(alice, g2)).messages;
    const bySeq = (seq: number) => own.find((m) => m.seq === seq)!;
    expect(bySeq(first.seq).receipts).toEqual({ recipients: 1, delivered: 1, read: 1 });
    // Reading it now (as any member reads history) doesn't make him a recipient of it.
    expect(bySeq(away.seq).receipts).toEqual({ recipients: 0, delivered: 0, read: 0 });
    expect(bySeq(away.seq).status).toBe("sent");
    expect(bySeq(back.seq).receipts).toEqual({ recipients: 1, delivered: 1, read: 1 });
  });
});

describe("recipients are fixed at send time", () => {
  it("someone added later isn't a recipient of earlier messages; someone removed keeps counting for theirs", async () => {
    const g = (await startGroup(alice, "Fixed", [bob])).id;
    const m1 = await send(alice, g, "to bob only");
    expect(m1.receipts).toMatchObject({ recipients: 1 });
    await ack(bob, g, "read", m1.seq);

    expect((await add(alice, g, [carol.id])).status).toBe(200);
    await ack(carol, g, "read", (await open(carol, g)).conversation.lastSeq);
    const m2 = await send(alice, g, "to bob and carol");
    expect(m2.receipts).toMatchObject({ recipients: 2 });

    const ownOf = async () => {
      const messages = (await open(alice, g)).messages;
      return (seq: number) => messages.find((m) => m.seq === seq)!;
    };
    let own = await ownOf();
    expect(own(m1.seq).receipts).toEqual({ recipients: 1, delivered: 1, read: 1 });
    expect(own(m1.seq).status).toBe("read");
    expect((await receiptsOf(alice, g, m1.seq)).recipients.map((r) => r.user.id)).toEqual([bob.id]);

    await ack(bob, g, "delivered", m2.seq);
    expect((await removeMember(alice, g, bob)).status).toBe(200);
    own = await ownOf();
    // Bob stays a recipient of what he was sent, with the watermarks he reached: nothing goes back.
    expect(own(m1.seq).receipts).toEqual({ recipients: 1, delivered: 1, read: 1 });
    expect(own(m1.seq).status).toBe("read");
    expect(own(m2.seq).receipts).toMatchObject({ recipients: 2, delivered: 1 });

    const m3 = await send(alice, g, "to carol only");
    expect(m3.receipts).toMatchObject({ recipients: 1 });
    expect((await receiptsOf(alice, g, m3.seq)).recipients.map((r) => r.user.id)).toEqual([carol.id]);
    // m1's count still says one recipient though the group changed twice.
    expect((await ownOf())(m1.seq).receipts).toEqual({ recipients: 1, delivered: 1, read: 1 });

    // Message info lists the same recipients the counts count: bob (removed) among them.
    const info = await receiptsOf(alice, g, m2.seq);
    expect(
      info.recipients.map((r) => r.user.id).sort(),
      "message info leaves out a removed recipient the counts include",
    ).toEqual([bob.id, carol.id].sort());
    const m1Info = await receiptsOf(alice, g, m1.seq);
    expect(m1Info.recipients.map((r) => r.user.id)).toEqual([bob.id]);
  });
});

it("signed out, every group route answers 401", async () => {
  const g = (await startGroup(alice, "Anon", [bob])).id;
  expect((await anonymous.call(routes.members.GET, { id: g })).status).toBe(401);
  expect((await anonymous.call(routes.members.POST, { id: g, body: { userIds: [carol.id] } })).status).toBe(
    401,
  );
});
