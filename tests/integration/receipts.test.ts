// Acknowledgements move per-member watermarks; the sender's status and counts derive from them,
// with read state hidden where privacy asks (docs/architecture.md, "Receipts").
import { beforeAll, describe, expect, it } from "vitest";
import { receiptsOf as countedReceipts } from "@/lib/server/chat/receipts";
import { updateSettings } from "@/lib/server/chat/settings";
import { prisma } from "@/lib/server/db/client";
import {
  ack,
  as,
  lobbyOf,
  messagesOf,
  open,
  receiptsOf,
  registerAll,
  registerAs,
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

const statuses = async (sender: TestUser, conversationId: string) =>
  (await messagesOf(sender, conversationId)).messages
    .filter((m) => m.sender.id === sender.id)
    .map((m) => m.status);

async function sendMany(user: TestUser, conversationId: string, n: number) {
  const seqs: number[] = [];
  for (let i = 1; i <= n; i++) seqs.push((await send(user, conversationId, `message ${i}`)).seq);
  return seqs;
}

describe("one read ack", () => {
  it("covers every message up to it: the sender sees all five read", async () => {
    const chat = (await startDirect(alice, bob)).id;
    await sendMany(alice, chat, 5);
    expect(await statuses(alice, chat)).toEqual(["sent", "sent", "sent", "sent", "sent"]);

    expect(await ack(bob, chat, "read", 5)).toEqual({ deliveredSeq: 5, readSeq: 5 });
    expect(await watermarksOf(chat, bob)).toEqual({ deliveredSeq: 5, readSeq: 5 });
    expect(await statuses(alice, chat)).toEqual(["read", "read", "read", "read", "read"]);
    expect((await summaryOf(bob, chat)).unreadCount).toBe(0);
  });

  it("up to the middle reads only the messages up to it", async () => {
    const chat = (await startDirect(alice, carol)).id;
    await sendMany(alice, chat, 4);
    await ack(carol, chat, "read", 2);
    expect(await statuses(alice, chat)).toEqual(["read", "read", "sent", "sent"]);
    expect((await summaryOf(carol, chat)).unreadCount).toBe(2);
  });
});

describe("a delivered ack", () => {
  it("makes the sender see delivered up to it, and keeps readSeq", async () => {
    const chat = (await startDirect(bob, carol)).id;
    await sendMany(bob, chat, 3);
    expect(await ack(carol, chat, "delivered", 2)).toEqual({ deliveredSeq: 2, readSeq: 0 });
    expect(await statuses(bob, chat)).toEqual(["delivered", "delivered", "sent"]);
    expect((await summaryOf(carol, chat)).unreadCount).toBe(3);
  });

  it("below the read watermark changes nothing", async () => {
    const chat = (await startDirect(bob, dave)).id;
    await sendMany(bob, chat, 3);
    await ack(dave, chat, "read", 3);
    expect(await ack(dave, chat, "delivered", 1)).toEqual({ deliveredSeq: 3, readSeq: 3 });
    expect(await statuses(bob, chat)).toEqual(["read", "read", "read"]);
  });
});

describe("watermarks are monotonic", () => {
  let chat: string;
  beforeAll(async () => {
    chat = (await startDirect(carol, dave)).id;
    await sendMany(carol, chat, 6);
  });

  it("a second ack with a lower seq changes nothing and answers the current watermarks", async () => {
    await ack(dave, chat, "read", 4);
    expect(await ack(dave, chat, "read", 2)).toEqual({ deliveredSeq: 4, readSeq: 4 });
    expect(await ack(dave, chat, "delivered", 3)).toEqual({ deliveredSeq: 4, readSeq: 4 });
    expect(await watermarksOf(chat, dave)).toEqual({ deliveredSeq: 4, readSeq: 4 });
  });

  it("repeating an ack is a no-op", async () => {
    expect(await ack(dave, chat, "read", 4)).toEqual({ deliveredSeq: 4, readSeq: 4 });
  });

  it("an ack past the last message stops at the last message", async () => {
    expect(await ack(dave, chat, "delivered", 1_000)).toEqual({ deliveredSeq: 6, readSeq: 4 });
    expect(await ack(dave, chat, "read", 2_147_483_647)).toEqual({ deliveredSeq: 6, readSeq: 6 });
    expect((await summaryOf(dave, chat)).lastSeq).toBe(6);
  });

  it("an ack of 0 changes nothing", async () => {
    expect(await ack(dave, chat, "read", 0)).toEqual({ deliveredSeq: 6, readSeq: 6 });
  });

  it("racing acks from several tabs end at the highest", async () => {
    const group = (await startGroup(carol, "Tabs", [dave])).id;
    await sendMany(carol, group, 20);
    const upTos = Array.from({ length: 20 }, (_, i) => i + 1).reverse();
    await Promise.all(upTos.map((upTo, i) => ack(dave, group, i % 2 ? "read" : "delivered", upTo)));
    expect(await watermarksOf(group, dave)).toEqual({ deliveredSeq: 20, readSeq: 19 });
  });

  it("six acks racing from several tabs, each higher than the last, all succeed and end at the highest", async () => {
    const group = (await startGroup(carol, "Six tabs", [dave])).id;
    await sendMany(carol, group, 6);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((upTo) => as(dave).call(routes.read.POST, { id: group, body: { upTo } })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await watermarksOf(group, dave)).toEqual({ deliveredSeq: 6, readSeq: 6 });
  });
});

describe("in a group", () => {
  it("each of the sender's messages carries {recipients, delivered, read} counts", async () => {
    const group = (await startGroup(alice, "Counts", [bob, carol, dave])).id;
    await sendMany(alice, group, 2);
    await ack(bob, group, "read", 2);
    await ack(carol, group, "delivered", 2);
    await ack(dave, group, "delivered", 1);

    const mine = (await messagesOf(alice, group)).messages;
    expect(mine.map((m) => ({ seq: m.seq, status: m.status, receipts: m.receipts }))).toEqual([
      { seq: 1, status: "delivered", receipts: { recipients: 3, delivered: 3, read: 1 } },
      { seq: 2, status: "sent", receipts: { recipients: 3, delivered: 2, read: 1 } },
    ]);

    await ack(dave, group, "read", 2);
    await ack(carol, group, "read", 2);
    const after = (await messagesOf(alice, group)).messages;
    expect(after.map((m) => [m.status, m.receipts])).toEqual([
      ["read", { recipients: 3, delivered: 3, read: 3 }],
      ["read", { recipients: 3, delivered: 3, read: 3 }],
    ]);
  });

  it("others' messages carry no status for the viewer", async () => {
    const group = (await startGroup(bob, "Others", [alice])).id;
    await send(bob, group, "from bob");
    const [message] = (await messagesOf(alice, group)).messages;
    expect(message?.status).toBeUndefined();
    expect(message?.receipts).toBeUndefined();
  });
});

describe("someone who joins later", () => {
  it("is not a recipient of earlier messages and finds nothing unread", async () => {
    const lobby = (await lobbyOf(alice)).id;
    const earlier = await send(alice, lobby, "before erin");
    const erin = await registerAs("erin");

    expect((await summaryOf(erin, lobby)).unreadCount).toBe(0);
    const later = await send(alice, lobby, "after erin");
    expect((await summaryOf(erin, lobby)).unreadCount).toBe(1);

    const receipts = (await messagesOf(alice, lobby)).messages.filter((m) => m.sender.id === alice.id);
    const of = (seq: number) => receipts.find((m) => m.seq === seq)?.receipts;
    expect(of(earlier.seq)).toEqual({ recipients: 3, delivered: 0, read: 0 });
    expect(of(later.seq)).toEqual({ recipients: 4, delivered: 0, read: 0 });

    // Erin's watermarks cannot make the earlier message read by "everyone".
    for (const u of [bob, carol, dave]) await ack(u, lobby, "read", earlier.seq);
    const earlierNow = (await messagesOf(alice, lobby)).messages.find((m) => m.seq === earlier.seq);
    expect(earlierNow).toMatchObject({ status: "read", receipts: { recipients: 3, read: 3 } });
  });
});

describe("privacy: someone who doesn't share read receipts", () => {
  let hider: TestUser;
  let sharer: TestUser;
  let chat: string;
  let group: string;

  beforeAll(async () => {
    [hider, sharer] = await registerAll("hider", "sharer");
    chat = (await startDirect(sharer, hider)).id;
    group = (await startGroup(sharer, "Private people", [hider])).id;
    await updateSettings({ userId: hider.id, shareReadReceipts: false });
  });

  it("is reported to others as delivered at most", async () => {
    await sendMany(sharer, chat, 2);
    expect(await ack(hider, chat, "read", 2)).toEqual({ deliveredSeq: 2, readSeq: 2 });

    const { messages } = await open(sharer, chat);
    expect(messages.map((m) => m.status)).toEqual(["delivered", "delivered"]);
    expect(messages.map((m) => m.receipts)).toEqual([
      { recipients: 1, delivered: 1, read: 0 },
      { recipients: 1, delivered: 1, read: 0 },
    ]);
    const info = await receiptsOf(sharer, chat, 2);
    expect(info.recipients).toEqual([
      { user: expect.objectContaining({ id: hider.id }), deliveredAt: expect.any(String), readAt: null },
    ]);
  });

  it("is hidden in groups too", async () => {
    await send(sharer, group, "in the group");
    await ack(hider, group, "read", 1);
    expect(await watermarksOf(group, hider)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect(await statuses(sharer, group)).toEqual(["delivered"]);
  });

  it("still sees their own read state", async () => {
    expect(await summaryOf(hider, chat)).toMatchObject({ deliveredSeq: 2, readSeq: 2, unreadCount: 0 });
    expect((await open(hider, chat)).me).toEqual({ id: hider.id, shareReadReceipts: false });
  });

  it("sees no new read state from the other side of a direct chat (reciprocity)", async () => {
    await send(hider, chat, "from the hider");
    await ack(sharer, chat, "read", 3);
    expect(await statuses(hider, chat)).toEqual(["delivered"]);
  });

  it("but does see others' read state in a group", async () => {
    await send(hider, group, "hider in the group");
    await ack(sharer, group, "read", 2);
    expect(await statuses(hider, group)).toEqual(["read"]);
  });

  it("shows read receipts again once they share them again, both ways", async () => {
    await updateSettings({ userId: hider.id, shareReadReceipts: true });
    expect(await statuses(sharer, chat)).toEqual(["read", "read"]);
    expect(await statuses(hider, chat)).toEqual(["read"]);
  });
});

describe("no shown status ever goes backwards", () => {
  it("a member who turns read receipts off keeps showing as read what they had read", async () => {
    const [sender, reader] = await registerAll("sender", "reader");
    const chat = (await startDirect(sender, reader)).id;
    await sendMany(sender, chat, 2);
    await ack(reader, chat, "read", 1);
    expect(await statuses(sender, chat)).toEqual(["read", "sent"]);

    await updateSettings({ userId: reader.id, shareReadReceipts: false });
    expect(await statuses(sender, chat)).toEqual(["read", "sent"]);
    // Reads from then on are private: delivered at most.
    await ack(reader, chat, "read", 2);
    expect(await statuses(sender, chat)).toEqual(["read", "delivered"]);
  });

  it("a sender who turns theirs off keeps seeing as read what was read (reciprocity applies from then on)", async () => {
    const [sender, reader] = await registerAll("sender2", "reader2");
    const chat = (await startDirect(sender, reader)).id;
    await sendMany(sender, chat, 2);
    await ack(reader, chat, "read", 1);
    await updateSettings({ userId: sender.id, shareReadReceipts: false });
    expect(await statuses(sender, chat)).toEqual(["read", "sent"]);
    await ack(reader, chat, "read", 2);
    expect(await statuses(sender, chat)).toEqual(["read", "delivered"]);
  });
});

describe("counted over a range of messages", () => {
  // receiptBasis clamps each watermark to the range asked about before grouping: every range of a
  // group's messages must count exactly what counting member by member says.
  it("equals counting member by member, for every range", async () => {
    const [sender, ...others] = await registerAll("rangeana", "rangebo", "rangecy", "rangedi", "rangeed");
    const [bo, cy, di, ed] = others as [TestUser, TestUser, TestUser, TestUser];
    const chat = (await startGroup(sender, "ranges", [bo, cy, di])).id;
    const seqs = await sendMany(sender, chat, 4);
    const { status } = await as(sender).call(routes.members.POST, { id: chat, body: { userIds: [ed.id] } });
    expect(status).toBe(200);
    seqs.push(...(await sendMany(sender, chat, 4)));
    const last = seqs.at(-1)!;
    await updateSettings({ userId: di.id, shareReadReceipts: false });
    await ack(bo, chat, "read", seqs[2]!); // inside the range, both watermarks
    await ack(cy, chat, "delivered", seqs[5]!);
    await ack(cy, chat, "read", seqs[0]!); // read at the first message, delivered further
    await ack(di, chat, "read", last); // read everything, but shows as delivered only
    await ack(ed, chat, "delivered", last); // joined after the fourth message

    const members = await prisma.member.findMany({
      where: { conversationId: chat, userId: { not: sender.id } },
      select: { joinedSeq: true, deliveredSeq: true, publicReadSeq: true },
    });
    const byDefinition = (seq: number) => {
      const recipients = members.filter((m) => m.joinedSeq < seq);
      return {
        recipients: recipients.length,
        delivered: recipients.filter((m) => m.deliveredSeq >= seq).length,
        read: recipients.filter((m) => m.publicReadSeq >= seq).length,
      };
    };
    for (let i = 0; i < seqs.length; i++) {
      for (let j = i; j < seqs.length; j++) {
        const range = seqs.slice(i, j + 1);
        const counted = await countedReceipts(chat, sender.id, range);
        expect(Object.fromEntries(counted), `messages ${range.join(",")}`).toEqual(
          Object.fromEntries(range.map((seq) => [seq, byDefinition(seq)])),
        );
      }
    }
  });
});
