// Message info (GET /api/conversations/[id]/messages/[seq]/receipts): the sender of a message sees
// each recipient and when the message first reached them and was first read, as far as privacy
// allows (docs/architecture.md, "Receipts"). Times come from the history of watermark moves, so each one is checked to
// fall inside the wall-clock span of the request that caused it.
import { beforeAll, describe, expect, it } from "vitest";
import { updateSettings } from "@/lib/server/chat/settings";
import { prisma } from "@/lib/server/db/client";
import type { RecipientReceipt } from "@/lib/core/types";
import {
  ack,
  anonymous,
  as,
  lobbyOf,
  receiptsOf,
  registerAll,
  registerAs,
  routes,
  send,
  startDirect,
  startGroup,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser; // in the lobby, outside alice's groups and direct chats

beforeAll(async () => {
  [alice, bob, carol, dave] = await registerAll("alice", "bob", "carol", "dave");
});

const UNKNOWN_ID = "cm0000000000000000000000a";

type Span = { from: number; to: number };

/** Runs `act` and answers the wall-clock span it took; the next span starts strictly after it. */
async function during(act: () => Promise<unknown>): Promise<Span> {
  const from = Date.now();
  await act();
  const to = Date.now();
  while (Date.now() === to) await new Promise((resolve) => setImmediate(resolve));
  return { from, to };
}

/** Matches an ISO time inside `span` (an asymmetric matcher, usable inside toEqual). */
const timeIn = (span: Span) => ({
  $$typeof: Symbol.for("jest.asymmetricMatcher"), // so a failure prints the span, not the object
  asymmetricMatch: (actual: unknown) =>
    typeof actual === "string" && Date.parse(actual) >= span.from && Date.parse(actual) <= span.to,
  toAsymmetricMatcher: () =>
    `a time in [${new Date(span.from).toISOString()}, ${new Date(span.to).toISOString()}]`,
});

const publicUser = (u: TestUser) => ({ id: u.id, username: u.username, name: u.name });

const byUsername = (recipients: RecipientReceipt[]) =>
  [...recipients].sort((a, b) => a.user.username.localeCompare(b.user.username));

const recipientsOf = async (sender: TestUser, conversationId: string, seq: number) =>
  byUsername((await receiptsOf(sender, conversationId, seq)).recipients);

const receiptOf = async (sender: TestUser, conversationId: string, seq: number, recipient: TestUser) => {
  const found = (await receiptsOf(sender, conversationId, seq)).recipients.find(
    (r) => r.user.id === recipient.id,
  );
  if (!found) throw new Error(`${recipient.username} is not a recipient of message ${seq}`);
  return found;
};

const ask = (user: TestUser | null, id: string, seq: string | number) =>
  as(user).call(routes.messageReceipts.GET, { id, seq });

describe("who may ask for a message's receipts", () => {
  let group: string;
  beforeAll(async () => {
    group = (await startGroup(alice, "Access", [bob])).id;
    await send(alice, group, "mine");
    await send(bob, group, "bob's");
  });

  it("answers 401 unauthorized when signed out", async () => {
    const { status, json } = await ask(null, group, 1);
    expect(status).toBe(401);
    expect(json.error.code).toBe("unauthorized");
  });

  it("answers 403 forbidden to a signed-in user who is not a member", async () => {
    const { status, json } = await ask(dave, group, 1);
    expect(status).toBe(403);
    expect(json.error.code).toBe("forbidden");
  });

  it("answers 404 not_found for a conversation that doesn't exist", async () => {
    const { status, json } = await ask(alice, UNKNOWN_ID, 1);
    expect(status).toBe(404);
    expect(json.error.code).toBe("not_found");
  });

  it("answers 404 not_found for a seq that names no message, or is no seq at all", async () => {
    for (const seq of [
      0,
      3,
      2_147_483_647,
      "99999999999",
      "-1",
      "1.5",
      "abc",
      "",
      "0x1",
      "1e0",
      "+1",
      " 1",
    ]) {
      const { status, json } = await ask(alice, group, seq);
      expect(status, `seq ${JSON.stringify(seq)}`).toBe(404);
      expect(json.error.code).toBe("not_found");
    }
  });

  it("answers 403 forbidden to a member asking about someone else's message", async () => {
    const { status, json } = await ask(alice, group, 2);
    expect(status).toBe(403);
    expect(json.error.code).toBe("forbidden");
    expect((await ask(bob, group, 1)).status).toBe(403);
  });

  it("answers 200 to the sender, for each of their messages", async () => {
    expect((await ask(alice, group, 1)).status).toBe(200);
    expect((await ask(bob, group, 2)).status).toBe(200);
  });

  it("checks the session first: signed out, an unknown conversation is 401", async () => {
    expect((await anonymous.call(routes.messageReceipts.GET, { id: UNKNOWN_ID, seq: 1 })).status).toBe(401);
  });
});

describe("the sender of a message", () => {
  let group: string;
  let seq: number;
  beforeAll(async () => {
    group = (await startGroup(alice, "Receipts", [bob, carol])).id;
    seq = (await send(alice, group, "who got this?")).seq;
  });

  it("sees every other member as a recipient, with no times before any ack", async () => {
    const answer = await receiptsOf(alice, group, seq);
    expect(answer.message).toMatchObject({
      seq,
      body: "who got this?",
      sender: publicUser(alice),
      status: "sent",
      receipts: { recipients: 2, delivered: 0, read: 0 },
    });
    expect(byUsername(answer.recipients)).toEqual([
      { user: publicUser(bob), deliveredAt: null, readAt: null },
      { user: publicUser(carol), deliveredAt: null, readAt: null },
    ]);
  });

  it("sees when a delivered ack reached a recipient, and no read time yet", async () => {
    const delivered = await during(() => ack(bob, group, "delivered", seq));
    expect(await recipientsOf(alice, group, seq)).toEqual([
      { user: publicUser(bob), deliveredAt: timeIn(delivered), readAt: null },
      { user: publicUser(carol), deliveredAt: null, readAt: null },
    ]);
  });

  it("sees when a read ack came, keeping the earlier delivered time", async () => {
    const before = await receiptOf(alice, group, seq, bob);
    const read = await during(() => ack(bob, group, "read", seq));
    const after = await receiptOf(alice, group, seq, bob);
    expect(after).toEqual({ user: publicUser(bob), deliveredAt: before.deliveredAt, readAt: timeIn(read) });
    expect(Date.parse(after.deliveredAt!)).toBeLessThan(Date.parse(after.readAt!));
  });

  it("sees a delivered time for a recipient who acknowledged only reading (reading implies delivery)", async () => {
    const read = await during(() => ack(carol, group, "read", seq));
    const carols = await receiptOf(alice, group, seq, carol);
    expect(carols).toEqual({ user: publicUser(carol), deliveredAt: timeIn(read), readAt: timeIn(read) });
    expect(carols.deliveredAt).toBe(carols.readAt);
    expect((await receiptsOf(alice, group, seq)).message).toMatchObject({
      status: "read",
      receipts: { recipients: 2, delivered: 2, read: 2 },
    });
  });
});

describe("receipt times", () => {
  it("are the first time the watermark reached the message, not its latest move", async () => {
    const chat = (await startDirect(alice, bob)).id;
    for (const body of ["one", "two", "three"]) await send(alice, chat, body);

    const upTo1 = await during(() => ack(bob, chat, "delivered", 1));
    const upTo3 = await during(() => ack(bob, chat, "delivered", 3));
    expect(await receiptOf(alice, chat, 1, bob)).toMatchObject({ deliveredAt: timeIn(upTo1), readAt: null });
    expect(await receiptOf(alice, chat, 2, bob)).toMatchObject({ deliveredAt: timeIn(upTo3), readAt: null });
    expect(await receiptOf(alice, chat, 3, bob)).toMatchObject({ deliveredAt: timeIn(upTo3), readAt: null });

    const read1 = await during(() => ack(bob, chat, "read", 1));
    const read3 = await during(() => ack(bob, chat, "read", 3));
    expect(await receiptOf(alice, chat, 1, bob)).toMatchObject({
      deliveredAt: timeIn(upTo1),
      readAt: timeIn(read1),
    });
    expect(await receiptOf(alice, chat, 3, bob)).toMatchObject({
      deliveredAt: timeIn(upTo3),
      readAt: timeIn(read3),
    });
  });

  it("don't change when a lower or repeated ack comes later", async () => {
    const chat = (await startDirect(alice, carol)).id;
    await send(alice, chat, "one");
    await send(alice, chat, "two");
    const first = await during(() => ack(carol, chat, "read", 2));
    await during(() => ack(carol, chat, "read", 2));
    await during(() => ack(carol, chat, "read", 1));
    await during(() => ack(carol, chat, "delivered", 2));
    for (const seq of [1, 2]) {
      expect(await receiptOf(alice, chat, seq, carol)).toMatchObject({
        deliveredAt: timeIn(first),
        readAt: timeIn(first),
      });
    }
  });

  it("count the recipient's own send as reading what came before it", async () => {
    const group = (await startGroup(alice, "Replies", [bob])).id;
    await send(alice, group, "question");
    const reply = await during(() => send(bob, group, "answer"));
    expect(await receiptOf(alice, group, 1, bob)).toMatchObject({
      deliveredAt: timeIn(reply),
      readAt: timeIn(reply),
    });
  });
});

describe("receipt marks of a sender's own run of lines", () => {
  // A send moves its sender's watermarks onto it. Only a move that passes someone else's message
  // is written down: one from the message just before passes only the sender's own line, whose
  // info never lists its sender. Skipping one that passes another's message would lose that
  // message's time (the line after it would stand in for it); writing every move would cost each
  // send two rows and their pages.
  it("are written only when a send passes someone else's message, and the times stay true", async () => {
    const [fay, gus] = await registerAll("fay", "gus");
    const chat = (await startDirect(fay, gus)).id;
    const marks = async () =>
      (await prisma.receiptMark.findMany({ where: { conversationId: chat }, orderBy: { seq: "asc" } })).map(
        (m) => [m.userId === fay.id ? "fay" : "gus", m.kind, m.seq],
      );
    await send(fay, chat, "one");
    expect(await marks()).toEqual([]);

    const reply = await during(() => send(gus, chat, "two"));
    await during(() => send(gus, chat, "three"));
    expect(await marks()).toEqual([
      ["gus", "delivered", 2],
      ["gus", "read", 2],
    ]);
    expect(await receiptOf(fay, chat, 1, gus)).toMatchObject({
      deliveredAt: timeIn(reply),
      readAt: timeIn(reply),
    });

    // Fay answers without having acked gus's lines: her send passes both, and says when.
    const answer = await during(() => send(fay, chat, "four"));
    await during(() => send(fay, chat, "five"));
    expect((await marks()).slice(2)).toEqual([
      ["fay", "delivered", 4],
      ["fay", "read", 4],
    ]);
    for (const seq of [2, 3])
      expect(await receiptOf(gus, chat, seq, fay)).toMatchObject({
        deliveredAt: timeIn(answer),
        readAt: timeIn(answer),
      });
  });
});

describe("receipt marks of a system line's author", () => {
  it("say when adding someone passed the messages before it", async () => {
    const [hal, ivy, joe] = await registerAll("hal", "ivy", "joe");
    const group = (await startGroup(hal, "Marks", [ivy])).id;
    await send(ivy, group, "before the add");
    // Hal hasn't acked ivy's line: the system line moves his watermarks past it.
    const added = await during(() =>
      as(hal).call(routes.members.POST, { id: group, body: { userIds: [joe.id] } }),
    );
    await during(() => send(hal, group, "welcome"));
    expect(await receiptOf(ivy, group, 1, hal)).toMatchObject({
      deliveredAt: timeIn(added),
      readAt: timeIn(added),
    });
  });
});

describe("someone who joined after the message", () => {
  it("is not listed as its recipient, but is for messages sent after they joined", async () => {
    const lobby = (await lobbyOf(alice)).id;
    const earlier = await send(alice, lobby, "before erin");
    const erin = await registerAs("erin");
    const later = await send(alice, lobby, "after erin");

    const others = (
      await prisma.member.findMany({ where: { conversationId: lobby }, select: { userId: true } })
    )
      .map((m) => ({ id: m.userId }))
      .filter((u) => u.id !== alice.id);
    const before = await receiptsOf(alice, lobby, earlier.seq);
    expect(before.recipients.map((r) => r.user.id).sort()).toEqual(
      others
        .filter((u) => u.id !== erin.id)
        .map((u) => u.id)
        .sort(),
    );
    expect(before.message.receipts?.recipients).toBe(others.length - 1);

    const after = await receiptsOf(alice, lobby, later.seq);
    expect(after.recipients.map((r) => r.user.id).sort()).toEqual(others.map((u) => u.id).sort());
    expect(after.recipients.find((r) => r.user.id === erin.id)).toEqual({
      user: publicUser(erin),
      deliveredAt: null,
      readAt: null,
    });
  });
});

describe("privacy", () => {
  let hider: TestUser;
  beforeAll(async () => {
    hider = await registerAs("hider");
    await updateSettings({ userId: hider.id, shareReadReceipts: false });
  });

  it("a recipient who doesn't share read receipts shows a delivered time but no read time", async () => {
    const group = (await startGroup(alice, "Hidden reader", [hider])).id;
    await send(alice, group, "did you read it?");
    const read = await during(() => ack(hider, group, "read", 1));
    const answer = await receiptsOf(alice, group, 1);
    expect(answer.recipients).toEqual([{ user: publicUser(hider), deliveredAt: timeIn(read), readAt: null }]);
    expect(answer.message).toMatchObject({ status: "delivered", receipts: { delivered: 1, read: 0 } });
  });

  it("in a direct chat, a sender who hides their own read receipts sees no read time from the other (reciprocity)", async () => {
    const chat = (await startDirect(hider, bob)).id;
    await send(hider, chat, "mine");
    const read = await during(() => ack(bob, chat, "read", 1));
    const answer = await receiptsOf(hider, chat, 1);
    expect(answer.recipients).toEqual([{ user: publicUser(bob), deliveredAt: timeIn(read), readAt: null }]);
    expect(answer.message.status).toBe("delivered");
  });

  it("in a group, that sender still sees when others read their message", async () => {
    const group = (await startGroup(hider, "Hider sends", [bob])).id;
    await send(hider, group, "mine");
    const read = await during(() => ack(bob, group, "read", 1));
    expect(await receiptsOf(hider, group, 1)).toMatchObject({
      message: { status: "read" },
      recipients: [{ user: publicUser(bob), deliveredAt: timeIn(read), readAt: timeIn(read) }],
    });
  });

  it("the read time shows once the recipient shares read receipts again", async () => {
    const group = (await startGroup(alice, "Shares again", [hider])).id;
    await send(alice, group, "now?");
    const read = await during(() => ack(hider, group, "read", 1));
    await updateSettings({ userId: hider.id, shareReadReceipts: true });
    try {
      expect(await receiptOf(alice, group, 1, hider)).toEqual({
        user: publicUser(hider),
        deliveredAt: timeIn(read),
        readAt: timeIn(read),
      });
    } finally {
      await updateSettings({ userId: hider.id, shareReadReceipts: false });
    }
  });
});

describe("in a big group", () => {
  it("comes a page of 50 recipients at a time, every recipient once", async () => {
    const crowd = await registerAll(...Array.from({ length: 60 }, (_, i) => `fan${i}`));
    const group = (await startGroup(alice, "Stadium", crowd)).id;
    await send(alice, group, "hello everyone");
    await ack(crowd[0]!, group, "read", 1);

    const first = await receiptsOf(alice, group, 1);
    expect(first.recipients).toHaveLength(50);
    expect(first.next).toEqual(expect.any(String));
    expect(first.message.receipts).toEqual({ recipients: 60, delivered: 1, read: 1 });
    const second = await receiptsOf(alice, group, 1, first.next!);
    expect(second.recipients).toHaveLength(10);
    expect(second.next).toBeNull();
    const ids = [...first.recipients, ...second.recipients].map((r) => r.user.id);
    expect(new Set(ids).size).toBe(60);
    expect(ids.sort()).toEqual(crowd.map((u) => u.id).sort());
  });
});
