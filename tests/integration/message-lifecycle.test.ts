// Issue 15, what happens to a message after it was sent (docs/architecture.md, "Changes"): edit,
// delete for everyone, delete for me, reactions, the changes catch-up and "who saw the edit" —
// each endpoint signed out, outside the conversation, as a removed member, as a member who isn't
// the sender, and as the sender, against a real database file and real pusher-js clients.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { userChannel } from "@/lib/core/realtime/channels";
import type { Changes, Message, MessageChangedEvent, ReceiptsEvent } from "@/lib/core/types";
import { prisma } from "@/lib/server/db/client";
import { updateSettings } from "@/lib/server/chat/settings";
import {
  ack,
  ackMany,
  anonymous,
  as,
  messagesOf,
  open,
  receiptsOf,
  registerAll,
  routes,
  send,
  startDirect,
  startGroup,
  summaryOf,
  type Answer,
  type TestUser,
} from "./helpers";
import { connectAs, disconnectAll } from "./realtime";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // in none of the conversations below unless a test adds her
let dave: TestUser; // removed from `group` in beforeAll: a former member

let direct: string; // alice, bob
let group: string; // alice (admin), bob; dave until removed
let davesOld: Message; // dave's message sent while he was a member

beforeAll(async () => {
  [alice, bob, carol, dave] = await registerAll("alice", "bob", "carol", "dave");
  direct = (await startDirect(alice, bob)).id;
  group = (await startGroup(alice, "Lifecycle", [bob, dave])).id;
  davesOld = await send(dave, group, "dave was here");
  await send(alice, group, "before dave left");
  expect((await removeMember(alice, group, dave)).status).toBe(200);
});

afterEach(() => disconnectAll());

// --- calls ---

const edit = (user: TestUser | null, id: string, seq: number | string, body: unknown) =>
  as(user).call(routes.message.PATCH, { method: "PATCH", id, seq, body: { body } });

const remove = (user: TestUser | null, id: string, seq: number | string, mode: string) =>
  as(user).call(routes.message.DELETE, { method: "DELETE", id, seq, query: { for: mode } });

const react = (user: TestUser | null, id: string, seq: number | string, emoji: unknown, on: unknown) =>
  as(user).call(routes.reactions.POST, { id, seq, body: { emoji, on } });

const changes = (user: TestUser | null, id: string, after: number | string, limit?: number) =>
  as(user).call(routes.changes.GET, { id, query: { after, ...(limit ? { limit } : {}) } });

function removeMember(actor: TestUser, id: string, target: TestUser) {
  return as(actor).call(routes.member.DELETE, { method: "DELETE", id, userId: target.id });
}

async function sendReply(user: TestUser, id: string, body: string, replyToSeq: number): Promise<Message> {
  const { status, json } = await as(user).call(routes.messages.POST, {
    id,
    body: { body, clientId: randomUUID(), replyToSeq },
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return json.message;
}

async function changesOf(user: TestUser, id: string, after: number, limit?: number): Promise<Changes> {
  const answer = await changes(user, id, after, limit);
  expect(answer.status, answer.text).toBe(200);
  return answer.json;
}

const ok = (answer: Answer) => {
  expect(answer.status, answer.text).toBe(200);
  return answer.json;
};

const row = (conversationId: string, seq: number) =>
  prisma.message.findUniqueOrThrow({ where: { conversationId_seq: { conversationId, seq } } });

const conversationChangeSeq = async (id: string) =>
  (await prisma.conversation.findUniqueOrThrow({ where: { id } })).changeSeq;

/** Moves a message's send time back, so the edit window can be tested without waiting. */
const age = (conversationId: string, seq: number, minutes: number) =>
  prisma.message.update({
    where: { conversationId_seq: { conversationId, seq } },
    data: { createdAt: new Date(Date.now() - minutes * 60_000) },
  });

// --- who may call each endpoint ---

describe("every new message endpoint", () => {
  let target: Message; // alice's, in the direct chat

  beforeAll(async () => {
    target = await send(alice, direct, "a message to act on");
  });

  const attempts = () => [
    {
      name: "PATCH (edit)",
      run: (u: TestUser | null, id: string, seq: number) => edit(u, id, seq, "changed"),
    },
    {
      name: "DELETE ?for=everyone",
      run: (u: TestUser | null, id: string, seq: number) => remove(u, id, seq, "everyone"),
    },
    {
      name: "DELETE ?for=me",
      run: (u: TestUser | null, id: string, seq: number) => remove(u, id, seq, "me"),
    },
    {
      name: "POST reactions",
      run: (u: TestUser | null, id: string, seq: number) => react(u, id, seq, "👍", true),
    },
    { name: "GET changes", run: (u: TestUser | null, id: string) => changes(u, id, 0) },
  ];

  it("answers 401 signed out", async () => {
    for (const a of attempts()) expect((await a.run(null, direct, target.seq)).status, a.name).toBe(401);
  });

  it("answers 403 to a signed-in user outside the conversation, and changes nothing", async () => {
    const before = await conversationChangeSeq(direct);
    for (const a of attempts()) expect((await a.run(carol, direct, target.seq)).status, a.name).toBe(403);
    expect(await conversationChangeSeq(direct)).toBe(before);
    expect((await row(direct, target.seq)).body).toBe("a message to act on");
  });

  it("answers 404 for a conversation that doesn't exist or a malformed one", async () => {
    for (const a of attempts().slice(0, 4)) {
      expect((await a.run(alice, "nosuchconversation1", 1)).status, a.name).toBe(404);
      expect((await a.run(alice, "../x", 1)).status, a.name).toBe(404);
    }
  });

  it("answers 404 for a seq that names no message (unknown, malformed, 0)", async () => {
    for (const seq of [999, "abc", "1e0", "0x1", "-1", "0"]) {
      expect((await edit(alice, direct, seq as number, "x")).status, `edit ${seq}`).toBe(404);
      expect((await remove(alice, direct, seq as number, "everyone")).status, `delete ${seq}`).toBe(404);
      expect((await remove(alice, direct, seq as number, "me")).status, `hide ${seq}`).toBe(404);
      expect((await react(alice, direct, seq as number, "👍", true)).status, `react ${seq}`).toBe(404);
    }
  });

  it("refuses a removed member's edit, delete for everyone and reaction (403), even on their own message", async () => {
    for (const a of attempts().filter((x) => x.name !== "GET changes" && x.name !== "DELETE ?for=me")) {
      expect((await a.run(dave, group, davesOld.seq)).status, a.name).toBe(403);
    }
    expect((await row(group, davesOld.seq)).body).toBe("dave was here");
  });

  it("lets only the sender edit or delete for everyone (403 for another member)", async () => {
    expect((await edit(bob, direct, target.seq, "bob's words")).status).toBe(403);
    expect((await remove(bob, direct, target.seq, "everyone")).status).toBe(403);
    const stored = await row(direct, target.seq);
    expect(stored.body).toBe("a message to act on");
    expect(stored.deletedAt).toBeNull();
  });

  it("refuses a bad delete mode or bad bodies with 400, changing nothing", async () => {
    const before = await conversationChangeSeq(direct);
    for (const mode of ["all", "", "Everyone", "ME"]) {
      expect((await remove(alice, direct, target.seq, mode)).status, mode).toBe(400);
    }
    expect(
      (await as(alice).call(routes.message.DELETE, { method: "DELETE", id: direct, seq: target.seq })).status,
    ).toBe(400);
    for (const body of ["", "   ", "a\u0000b", 42, null, "x".repeat(2001)]) {
      expect((await edit(alice, direct, target.seq, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await conversationChangeSeq(direct)).toBe(before);
  });
});

// --- edit ---

describe("editing a message", () => {
  it("replaces its text for everyone, marks it edited, and takes the next change seq", async () => {
    const m = await send(alice, direct, "first draft");
    const before = await conversationChangeSeq(direct);
    const edited = ok(await edit(alice, direct, m.seq, "second draft")).message as Message;
    expect(edited).toMatchObject({
      seq: m.seq,
      body: "second draft",
      changeSeq: before + 1,
      editSeq: before + 1,
    });
    expect(edited.editedAt).toEqual(expect.any(String));
    expect(await conversationChangeSeq(direct)).toBe(before + 1);
    const seenByBob = (await messagesOf(bob, direct)).messages.find((x) => x.seq === m.seq);
    expect(seenByBob).toMatchObject({ body: "second draft", editSeq: before + 1 });
    expect(seenByBob?.editedAt).toEqual(expect.any(String));
  });

  it("is idempotent: the same text again changes nothing (no change seq, no editedAt move)", async () => {
    const m = await send(alice, direct, "steady");
    const first = ok(await edit(alice, direct, m.seq, "steady, edited")).message as Message;
    const before = await conversationChangeSeq(direct);
    const again = ok(await edit(alice, direct, m.seq, "steady, edited")).message as Message;
    expect(again).toMatchObject({
      changeSeq: first.changeSeq,
      editSeq: first.editSeq,
      editedAt: first.editedAt,
    });
    expect(await conversationChangeSeq(direct)).toBe(before);
  });

  it("an unedited message sent again as its own text is not marked edited", async () => {
    const m = await send(alice, direct, "unchanged");
    const answer = ok(await edit(alice, direct, m.seq, "unchanged")).message as Message;
    expect(answer.editedAt).toBeUndefined();
    expect((await row(direct, m.seq)).editedAt).toBeNull();
  });

  it("is allowed within the edit window and refused (409) after it", async () => {
    const inside = await send(alice, direct, "young");
    await age(direct, inside.seq, 14);
    expect((await edit(alice, direct, inside.seq, "young, edited")).status).toBe(200);
    const outside = await send(alice, direct, "old");
    await age(direct, outside.seq, 16);
    const late = await edit(alice, direct, outside.seq, "old, edited");
    expect(late.status, late.text).toBe(409);
    expect((await row(direct, outside.seq)).body).toBe("old");
  });

  it("refuses to edit a deleted message (409) or a system line (404)", async () => {
    const m = await send(alice, direct, "going away");
    ok(await remove(alice, direct, m.seq, "everyone"));
    expect((await edit(alice, direct, m.seq, "back again")).status).toBe(409);
    expect((await row(direct, m.seq)).body).toBe("");

    const g = (await startGroup(alice, "Lines", [bob])).id;
    ok(
      await as(alice).call(routes.conversation.PATCH, { method: "PATCH", id: g, body: { title: "Renamed" } }),
    );
    const line = (await messagesOf(alice, g)).messages.find((x) => x.system);
    expect(line).toBeDefined();
    expect((await edit(alice, g, line!.seq, "hijacked")).status).toBe(404);
    expect((await remove(alice, g, line!.seq, "everyone")).status).toBe(404);
    expect((await react(alice, g, line!.seq, "👍", true)).status).toBe(404);
  });

  it("tells every member with message.changed (not as a new message) and keeps the sender's receipts", async () => {
    const m = await send(alice, direct, "announce me");
    await ack(bob, direct, "read", m.seq);
    const bobs = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    const alices = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    const edited = ok(await edit(alice, direct, m.seq, "announced")).message as Message;
    expect(edited.status).toBe("read");
    for (const heard of [bobs, alices]) {
      const event = await heard.next<{ changeSeq: number; message: Message }>(
        "message.changed",
        (e) => e.message.seq === m.seq,
      );
      expect(event).toMatchObject({ conversationId: direct, changeSeq: edited.changeSeq });
      expect(event.message.body).toBe("announced");
      // The same event for everyone: nobody's receipts ride in it.
      expect(event.message.receipts).toBeUndefined();
    }
    expect(bobs.names()).not.toContain("conversation.updated");
  });
});

// --- delete for everyone ---

describe("deleting a message for everyone", () => {
  const SECRET = "the launch code is 0000";

  it("removes its text, its quote and its reactions from the database; the tombstone keeps its seq", async () => {
    const g = (await startGroup(alice, "Secrets", [bob])).id;
    const quoted = await send(bob, g, "what's the code?");
    const m = await sendReply(alice, g, SECRET, quoted.seq);
    ok(await react(bob, g, m.seq, "😮", true));
    ok(await react(alice, g, m.seq, "👍", true));
    const reply = await sendReply(bob, g, "thanks!", m.seq);
    expect(reply.replyTo).toMatchObject({ seq: m.seq, text: SECRET, deleted: false });

    const bobs = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    const before = await conversationChangeSeq(g);
    const answer = ok(await remove(alice, g, m.seq, "everyone")).message as Message;
    expect(answer).toMatchObject({ seq: m.seq, body: "", deleted: true, changeSeq: before + 1 });
    expect(answer.reactions ?? []).toEqual([]);
    expect(answer.replyTo).toBeUndefined();
    expect(answer.receipts).toBeUndefined();

    const stored = await row(g, m.seq);
    expect(stored.body).toBe("");
    expect(stored.deletedAt).not.toBeNull();
    // The quote it carried names another message's text: gone with it (docs: "text, quote and reactions").
    expect.soft(stored.replyToSeq, "the deleted message's quote (replyToSeq) is still in its row").toBeNull();
    expect(await prisma.reaction.count({ where: { conversationId: g, seq: m.seq } })).toBe(0);

    // Its place stays: the seqs around it don't move.
    const seen = (await messagesOf(bob, g)).messages;
    expect(seen.map((x) => x.seq)).toEqual([...seen.map((x) => x.seq)].sort((a, b) => a - b));
    expect(seen.find((x) => x.seq === m.seq)).toMatchObject({ body: "", deleted: true });
    // A reply quoting it now says it was deleted, and shows nothing of it.
    expect(seen.find((x) => x.seq === reply.seq)?.replyTo).toMatchObject({
      seq: m.seq,
      deleted: true,
      text: "",
    });

    // Realtime: bob hears the tombstone, without the text.
    const event = await bobs.next<{ message: Message }>("message.changed", (e) => e.message.seq === m.seq);
    expect(event.message).toMatchObject({ deleted: true, body: "" });

    // No answer or event carries the deleted text any more.
    const answers = [
      JSON.stringify(await messagesOf(bob, g)),
      JSON.stringify(await messagesOf(alice, g)),
      JSON.stringify(await open(bob, g)),
      JSON.stringify(await open(alice, g)),
      JSON.stringify(await changesOf(bob, g, 0)),
      JSON.stringify(await changesOf(alice, g, 0)),
      JSON.stringify(await receiptsOf(alice, g, m.seq)),
      JSON.stringify(await summaryOf(bob, g)),
      JSON.stringify(bobs.events), // everything bob heard since the deletion
    ];
    for (const text of answers) expect(text).not.toContain("launch code");
  });

  it("is idempotent: deleting again changes nothing", async () => {
    const m = await send(alice, direct, "once");
    const first = ok(await remove(alice, direct, m.seq, "everyone")).message as Message;
    const before = await conversationChangeSeq(direct);
    const again = ok(await remove(alice, direct, m.seq, "everyone")).message as Message;
    expect(again.changeSeq).toBe(first.changeSeq);
    expect(await conversationChangeSeq(direct)).toBe(before);
  });

  it("when it was the last message, the list's preview carries no text", async () => {
    const g = (await startGroup(alice, "Preview", [bob])).id;
    await send(alice, g, "preview secret");
    const last = (await messagesOf(alice, g)).messages.at(-1)!;
    ok(await remove(alice, g, last.seq, "everyone"));
    const summary = await summaryOf(bob, g);
    expect(JSON.stringify(summary)).not.toContain("preview secret");
  });

  it("refuses a reaction on a deleted message (409)", async () => {
    const m = await send(alice, direct, "no reactions please");
    ok(await remove(alice, direct, m.seq, "everyone"));
    expect((await react(bob, direct, m.seq, "👍", true)).status).toBe(409);
    expect(await prisma.reaction.count({ where: { conversationId: direct, seq: m.seq } })).toBe(0);
  });
});

// --- delete for me ---

describe("deleting a message for me", () => {
  it("hides it from me only: my pages, my detail and my catch-up omit it; others still see it", async () => {
    const g = (await startGroup(alice, "Hide", [bob, carol])).id;
    const m = await send(alice, g, "hide this from bob");
    const start = (await open(bob, g)).conversation.changeSeq;
    const bobsOtherTab = await (await connectAs(bob)).subscribe(userChannel(bob.id));
    const answer = await remove(bob, g, m.seq, "me");
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.message).toBeNull();
    expect(
      await prisma.hiddenMessage.count({ where: { userId: bob.id, conversationId: g, seq: m.seq } }),
    ).toBe(1);

    expect((await messagesOf(bob, g)).messages.map((x) => x.seq)).not.toContain(m.seq);
    expect((await open(bob, g)).messages.map((x) => x.seq)).not.toContain(m.seq);
    expect((await changesOf(bob, g, 0)).messages.map((x) => x.seq)).not.toContain(m.seq);
    expect((await messagesOf(alice, g)).messages.map((x) => x.seq)).toContain(m.seq);
    expect((await messagesOf(carol, g)).messages.map((x) => x.seq)).toContain(m.seq);
    expect((await row(g, m.seq)).body).toBe("hide this from bob");

    // Bob's other tabs drop it too; nobody else hears anything.
    expect(await bobsOtherTab.next("message.hidden")).toEqual({ conversationId: g, seq: m.seq });
    // Hiding is not a change to the conversation: nobody's catch-up moves.
    expect((await open(alice, g)).conversation.changeSeq).toBe(start);
  });

  it("a later edit of a hidden message doesn't bring it back for me", async () => {
    const g = (await startGroup(alice, "Hide2", [bob])).id;
    const m = await send(alice, g, "hidden then edited");
    ok(await remove(bob, g, m.seq, "me"));
    ok(await edit(alice, g, m.seq, "edited while hidden"));
    expect((await messagesOf(bob, g)).messages.map((x) => x.seq)).not.toContain(m.seq);
    expect((await changesOf(bob, g, 0)).messages.map((x) => x.seq)).not.toContain(m.seq);
  });

  it("is idempotent, and works on someone else's message as on my own", async () => {
    const m = await send(alice, direct, "mine to hide");
    ok(await remove(alice, direct, m.seq, "me"));
    ok(await remove(alice, direct, m.seq, "me"));
    expect(
      await prisma.hiddenMessage.count({ where: { userId: alice.id, conversationId: direct, seq: m.seq } }),
    ).toBe(1);
    expect((await messagesOf(bob, direct)).messages.map((x) => x.seq)).toContain(m.seq);
  });

  it("lets a former member hide what they could read, and nothing after they left (404)", async () => {
    ok(await remove(dave, group, davesOld.seq, "me"));
    const after = await send(alice, group, "after dave left");
    expect((await remove(dave, group, after.seq, "me")).status).toBe(404);
  });
});

// --- reactions ---

describe("reactions", () => {
  it("toggle on and off, idempotently: `on` says which, so a retry can't flip it back", async () => {
    const g = (await startGroup(alice, "React", [bob, carol])).id;
    const m = await send(alice, g, "react to me");
    const on = ok(await react(bob, g, m.seq, "👍", true)).message as Message;
    expect(on.reactions).toEqual([
      { emoji: "👍", count: 1, users: [expect.objectContaining({ id: bob.id })], me: true },
    ]);
    const before = await conversationChangeSeq(g);
    const again = ok(await react(bob, g, m.seq, "👍", true)).message as Message;
    expect(again.reactions).toEqual(on.reactions);
    expect(await conversationChangeSeq(g)).toBe(before);

    ok(await react(carol, g, m.seq, "👍", true));
    const two = (await messagesOf(alice, g)).messages.find((x) => x.seq === m.seq)!;
    expect(two.reactions).toEqual([{ emoji: "👍", count: 2, users: expect.any(Array), me: false }]);

    const off = ok(await react(bob, g, m.seq, "👍", false)).message as Message;
    expect(off.reactions).toEqual([
      { emoji: "👍", count: 1, users: [expect.objectContaining({ id: carol.id })], me: false },
    ]);
    const offBefore = await conversationChangeSeq(g);
    ok(await react(bob, g, m.seq, "👍", false));
    expect(await conversationChangeSeq(g)).toBe(offBefore);
    expect(await prisma.reaction.count({ where: { conversationId: g, seq: m.seq } })).toBe(1);
    expect(await prisma.reactionCount.findMany({ where: { conversationId: g, seq: m.seq } })).toEqual([
      expect.objectContaining({ emoji: "👍", count: 1 }),
    ]);
  });

  it("any member may react to any message (not only their own); the sender hears message.changed", async () => {
    const m = await send(alice, direct, "heard reactions");
    const alices = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    const answer = ok(await react(bob, direct, m.seq, "❤️", true)).message as Message;
    const event = await alices.next<MessageChangedEvent & { message: Message }>(
      "message.changed",
      (e) => e.message.seq === m.seq,
    );
    expect(event.changeSeq).toBe(answer.changeSeq);
    // The same for every member: no "me" (Bob's answer has it), and who toggled what.
    expect(answer.reactions).toEqual([expect.objectContaining({ emoji: "❤️", count: 1, me: true })]);
    expect(event.message.reactions).toEqual([
      { emoji: "❤️", count: 1, users: [expect.objectContaining({ id: bob.id })] },
    ]);
    expect(event.reaction).toEqual({ userId: bob.id, emoji: "❤️", on: true });
  });

  it("allows composed emoji (skin tone, ZWJ family, flag, keycap)", async () => {
    const m = await send(alice, direct, "composed");
    for (const emoji of ["👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣"]) {
      expect((await react(bob, direct, m.seq, emoji, true)).status, emoji).toBe(200);
    }
  });

  it(`limits one person to 10 different emoji on one message (422), others unaffected`, async () => {
    const m = await send(alice, direct, "so many feelings");
    const emoji = ["👍", "❤️", "😂", "😮", "😢", "🙏", "🔥", "🎉", "👀", "💯"];
    for (const e of emoji) expect((await react(bob, direct, m.seq, e, true)).status, e).toBe(200);
    const eleventh = await react(bob, direct, m.seq, "🤔", true);
    expect(eleventh.status, eleventh.text).toBe(422);
    // The limit counts different emoji: one already on is still "on" (no error, no change).
    expect
      .soft(
        (await react(bob, direct, m.seq, "👍", true)).status,
        "re-asking for an emoji already on, at the limit",
      )
      .toBe(200);
    expect((await react(alice, direct, m.seq, "🤔", true)).status).toBe(200);
    ok(await react(bob, direct, m.seq, "👍", false));
    expect((await react(bob, direct, m.seq, "🤔", true)).status).toBe(200);
    expect(
      await prisma.reaction.count({ where: { conversationId: direct, seq: m.seq, userId: bob.id } }),
    ).toBe(10);
  });

  it("refuses what isn't one emoji, and a non-boolean `on` (400)", async () => {
    const m = await send(alice, direct, "bad reactions");
    for (const emoji of ["a", "", "👍👍", " 👍", "<b>", "x".repeat(40), 1, null]) {
      expect((await react(bob, direct, m.seq, emoji, true)).status, JSON.stringify(emoji)).toBe(400);
    }
    for (const on of ["true", 1, null, undefined]) {
      expect((await react(bob, direct, m.seq, "👍", on)).status, JSON.stringify(on)).toBe(400);
    }
    expect(await prisma.reaction.count({ where: { conversationId: direct, seq: m.seq } })).toBe(0);
  });
});

// --- changes catch-up ---

describe("GET /changes?after= (catch-up)", () => {
  it("answers edits, deletions, reactions, new messages and system lines after a change seq, oldest first", async () => {
    const g = (await startGroup(alice, "Catch up", [bob])).id;
    const start = (await open(bob, g)).conversation.changeSeq;
    const m1 = await send(alice, g, "one");
    const m2 = await send(alice, g, "two");
    const m3 = await send(bob, g, "three");
    ok(await edit(alice, g, m1.seq, "one, edited"));
    ok(await react(bob, g, m2.seq, "👍", true));
    ok(
      await as(alice).call(routes.conversation.PATCH, { method: "PATCH", id: g, body: { title: "Caught" } }),
    );
    ok(await remove(bob, g, m3.seq, "everyone"));

    const all = await changesOf(bob, g, start);
    expect(all.hasMore).toBe(false);
    const seqs = all.messages.map((x) => x.changeSeq);
    expect(seqs, "ascending change seqs").toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.changeSeq).toBe(seqs.at(-1));
    expect(all.changeSeq).toBe(await conversationChangeSeq(g));
    // Each message once, as it is now, in the order of its latest change.
    const bySeq = new Map(all.messages.map((x) => [x.seq, x]));
    expect(bySeq.get(m1.seq)).toMatchObject({ body: "one, edited" });
    expect(bySeq.get(m2.seq)?.reactions).toEqual([expect.objectContaining({ emoji: "👍", count: 1 })]);
    expect(bySeq.get(m3.seq)).toMatchObject({ deleted: true, body: "" });
    expect(all.messages.some((x) => x.system?.type === "renamed")).toBe(true);
    const order = all.messages.map((x) => (x.system ? "line" : x.seq));
    expect(order).toEqual([m1.seq, m2.seq, "line", m3.seq]);
    expect(JSON.stringify(all)).not.toContain("three");

    // From the latest change seq: nothing.
    expect(await changesOf(bob, g, all.changeSeq)).toEqual({
      messages: [],
      changeSeq: all.changeSeq,
      hasMore: false,
    });
  });

  it("pages with hasMore, and the pages add up to the whole answer", async () => {
    const g = (await startGroup(alice, "Pages", [bob])).id;
    const start = (await open(bob, g)).conversation.changeSeq;
    for (let i = 0; i < 5; i++) await send(alice, g, `m${i}`);
    const whole = await changesOf(bob, g, start);
    const paged: Message[] = [];
    let after = start;
    for (;;) {
      const page = await changesOf(bob, g, after, 2);
      expect(page.messages.length).toBeLessThanOrEqual(2);
      paged.push(...page.messages);
      after = page.changeSeq;
      if (!page.hasMore) break;
    }
    expect(paged.map((x) => x.changeSeq)).toEqual(whole.messages.map((x) => x.changeSeq));
    expect(paged).toHaveLength(5);
  });

  it("refuses a bad after or limit (400)", async () => {
    const queries: Record<string, string>[] = [
      {},
      { after: "-1" },
      { after: "1e3" },
      { after: "0", limit: "0" },
      { after: "0", limit: "101" },
    ];
    for (const query of queries) {
      const answer = await as(bob).call(routes.changes.GET, { id: direct, query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
    }
  });

  it("shows a former member nothing past the line that ended their membership", async () => {
    await send(alice, group, "after dave: secret plans");
    const dc = await changesOf(dave, group, 0);
    const leftLine = dc.messages.find((x) => x.system?.type === "removed");
    expect(leftLine, "dave sees the line that removed him").toBeDefined();
    expect(dc.messages.every((x) => x.seq <= leftLine!.seq)).toBe(true);
    expect(JSON.stringify(dc)).not.toContain("secret plans");
  });

  it("walks a bounded window per request for a former member, past changes they can't see, and finds theirs", async () => {
    const g = (await startGroup(alice, "Moved on", [bob, dave])).id;
    const old = await send(dave, g, "dave's last word");
    expect((await removeMember(alice, g, dave)).status).toBe(200);
    const known = (await changesOf(dave, g, 0)).changeSeq;
    // 1,200 changes after he left, none his to see (written straight into the database: a busy
    // group's week), then one he can see: Bob reacts to his old message.
    const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: g } });
    const later = 1_200;
    await prisma.message.createMany({
      data: Array.from({ length: later }, (_, k) => ({
        conversationId: g,
        seq: conversation.lastSeq + 1 + k,
        senderId: alice.id,
        body: `after dave ${k}`,
        clientId: `moved-on-${k}`,
        changeSeq: conversation.changeSeq + 1 + k,
      })),
    });
    await prisma.conversation.update({
      where: { id: g },
      data: { lastSeq: conversation.lastSeq + later, changeSeq: conversation.changeSeq + later },
    });
    ok(await react(bob, g, old.seq, "👍", true));

    const pages: Changes[] = [];
    for (let after = known; pages.length < 10;) {
      const page = await changesOf(dave, g, after);
      pages.push(page);
      // Each answer reaches at most one window further, and always moves on while there is more.
      expect(page.changeSeq - after).toBeLessThanOrEqual(500);
      if (!page.hasMore) break;
      expect(page.changeSeq).toBeGreaterThan(after);
      after = page.changeSeq;
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.at(-1)!.hasMore).toBe(false);
    expect(pages.at(-1)!.changeSeq).toBe(await conversationChangeSeq(g));
    const found = pages.flatMap((p) => p.messages);
    expect(found.map((m) => m.seq)).toEqual([old.seq]);
    expect(found[0]!.reactions).toEqual([expect.objectContaining({ emoji: "👍", count: 1 })]);
    expect(JSON.stringify(pages)).not.toContain("after dave");
  });
});

// --- who saw the edit ---

describe("who saw the edit (editSeen)", () => {
  it("counts a recipient once they ack editSeen at or past the message's editSeq", async () => {
    const g = (await startGroup(alice, "Seen edit", [bob])).id;
    const m = await send(alice, g, "typo");
    await ack(bob, g, "read", m.seq);
    const edited = ok(await edit(alice, g, m.seq, "typo fixed")).message as Message;
    expect(edited.editSeen).toBe(0);
    expect((await open(bob, g)).unseenEdits).toEqual([edited.editSeq]);

    const alices = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    // Below the edit: not seen.
    await ackMany(bob, [{ conversationId: g, editSeen: edited.editSeq! - 1 }]);
    expect((await open(alice, g)).messages.find((x) => x.seq === m.seq)?.editSeen).toBe(0);

    const [result] = await ackMany(bob, [{ conversationId: g, editSeen: edited.editSeq! }]);
    expect(result).not.toHaveProperty("error");
    const mine = (await open(alice, g)).messages.find((x) => x.seq === m.seq)!;
    expect(mine.editSeen).toBe(1);
    expect((await open(bob, g)).unseenEdits).toEqual([]);
    const event = await alices.next<ReceiptsEvent>("receipts.updated", (e) =>
      e.receipts.some((r) => r.seq === m.seq && r.editSeen === 1),
    );
    expect(event.conversationId).toBe(g);
  });

  it("doesn't count someone who doesn't share read receipts", async () => {
    const g = (await startGroup(alice, "Private edit", [carol])).id;
    await updateSettings({ userId: carol.id, shareReadReceipts: false });
    try {
      const m = await send(alice, g, "draft");
      await ack(carol, g, "read", m.seq);
      const edited = ok(await edit(alice, g, m.seq, "final")).message as Message;
      await ackMany(carol, [{ conversationId: g, editSeen: edited.editSeq! }]);
      expect((await open(alice, g)).messages.find((x) => x.seq === m.seq)?.editSeen).toBe(0);
    } finally {
      await updateSettings({ userId: carol.id, shareReadReceipts: true });
    }
  });

  it("never goes back when someone who saw the edit leaves the group", async () => {
    const g = (await startGroup(alice, "Seen then gone", [bob, carol])).id;
    const m = await send(alice, g, "before");
    const edited = ok(await edit(alice, g, m.seq, "after")).message as Message;
    await ackMany(bob, [{ conversationId: g, read: m.seq, editSeen: edited.editSeq! }]);
    const seen = async () => (await open(alice, g)).messages.find((x) => x.seq === m.seq)!;
    expect((await seen()).editSeen).toBe(1);
    expect((await removeMember(bob, g, bob)).status).toBe(200);
    const after = await seen();
    // Bob stays a recipient of it (receipts count him) — and so must "seen the edit".
    expect(after.receipts).toMatchObject({ recipients: 2, read: 1 });
    expect(after.editSeen, "editSeen went back from 1 when bob left").toBe(1);
  });

  it("is refused for a conversation I left, like every ack", async () => {
    const [result] = await ackMany(dave, [{ conversationId: group, editSeen: 1 }]);
    expect(result).toHaveProperty("error");
  });
});

// Signed-out callers never reach a handler's logic; this keeps `anonymous` honest for new routes.
it("signed out, the members list answers 401 too", async () => {
  expect((await anonymous.call(routes.members.GET, { id: group })).status).toBe(401);
});
