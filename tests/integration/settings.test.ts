// Settings (lib/server/chat/settings.ts, behind the settings panel's server action): the display name,
// and whether to share read receipts. A privacy change applies from then on (docs/architecture.md,
// "Receipts"): turning sharing off changes nothing anyone was shown (so nothing is announced), and
// later reads stay private; turning it on shows what the user has read, and the senders of those
// messages hear their new receipts on their own channel (docs/architecture.md, "Realtime events").
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { updateSettingsAction } from "@/app/(chat)/actions";
import { updateSettings } from "@/lib/server/chat/settings";
import type { ReceiptsEvent } from "@/lib/core/types";
import { prisma } from "@/lib/server/db/client";
import { realtimeServer } from "./context";
import {
  ack,
  as,
  lobbyOf,
  open,
  registerAll,
  registerAs,
  routes,
  send,
  startDirect,
  startGroup,
  watermarksOf,
  type TestUser,
} from "./helpers";
import { connectAs, disconnectAll, type Recorder } from "./realtime";
import { runAs } from "./session";

// The actions module also holds sign-out, which needs next-auth's Next.js runtime; it is not what
// these tests are about, and the session itself is already the tests' own (setup.ts).
vi.mock("@/lib/server/auth", () => ({ signOut: vi.fn() }));

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
});

afterEach(() => disconnectAll());

const userChannel = (id: string) => `private-user-${id}`;

/** The sender's view of their own messages' status in a conversation. */
const statusesOf = async (sender: TestUser, conversationId: string) =>
  (await open(sender, conversationId)).messages.filter((m) => m.sender.id === sender.id).map((m) => m.status);

/** Publishes a message in `conversationId` and waits for it: every earlier event has arrived. */
async function sentinel(recorder: Recorder, sender: TestUser, conversationId: string) {
  const { id } = await send(sender, conversationId, `sentinel ${randomUUID()}`);
  await recorder.next<{ lastMessage?: { id: string } }>(
    "conversation.updated",
    (e) => e.lastMessage?.id === id,
  );
}

const receiptsIn = (recorder: Recorder, conversationId: string) =>
  recorder.events
    .filter(
      (e) => e.event === "receipts.updated" && (e.data as ReceiptsEvent).conversationId === conversationId,
    )
    .map((e) => e.data);

describe("changing the display name", () => {
  it("answers the updated user, without the password hash, and others see the new name", async () => {
    const dave = await registerAs("dave");
    const updated = await updateSettings({ userId: dave.id, name: "David" });
    expect(updated).toEqual({
      id: dave.id,
      username: "dave",
      name: "David",
      shareReadReceipts: true,
      shareLastSeen: true,
    });
    expect(JSON.stringify(updated)).not.toMatch(/passwordHash|\$argon2/);

    const found = await as(alice).call(routes.users.GET, { query: { q: "dave" } });
    expect(found.json.users).toEqual([{ id: dave.id, username: "dave", name: "David" }]);
    const chat = (await startDirect(alice, dave)).id;
    expect((await open(alice, chat)).conversation.title).toBe("David");
  });

  it("leaves the read-receipt setting as it was", async () => {
    await prisma.user.update({ where: { id: carol.id }, data: { shareReadReceipts: false } });
    try {
      expect(await updateSettings({ userId: carol.id, name: "Caroline" })).toMatchObject({
        name: "Caroline",
        shareReadReceipts: false,
      });
    } finally {
      await prisma.user.update({ where: { id: carol.id }, data: { shareReadReceipts: true } });
    }
  });

  it("fails with not_found for a user that doesn't exist", async () => {
    await expect(
      updateSettings({ userId: "cm0000000000000000000000a", name: "Nobody" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("turning read receipts off and on again", () => {
  // Bob has read what alice wrote in each of his conversations; carol has too, in the group.
  let lobby: string;
  let direct: string;
  let group: string;
  const bobs = new Map<string, { deliveredSeq: number; readSeq: number }>();

  beforeAll(async () => {
    lobby = (await lobbyOf(bob)).id;
    direct = (await startDirect(alice, bob)).id;
    group = (await startGroup(alice, "Readers", [bob, carol])).id;
    for (const id of [lobby, direct, group]) {
      const { seq } = await send(alice, id, "read me");
      bobs.set(id, await ack(bob, id, "read", seq));
    }
    await ack(carol, group, "read", 1);
  });

  it("before the change, the others see what bob read", async () => {
    expect(await statusesOf(alice, direct)).toEqual(["read"]);
    expect(await statusesOf(alice, group)).toEqual(["read"]);
    expect(await watermarksOf(lobby, bob)).toEqual(bobs.get(lobby));
  });

  it("turning them off takes nothing back and announces nothing", async () => {
    const hears = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    const published = realtimeServer().stats().eventsPublished;
    const updated = await updateSettings({ userId: bob.id, shareReadReceipts: false });
    expect(updated).toMatchObject({ id: bob.id, shareReadReceipts: false });
    expect(realtimeServer().stats().eventsPublished).toBe(published);
    expect(await statusesOf(alice, direct)).toEqual(["read"]);
    expect(await statusesOf(alice, group)).toEqual(["read"]);
    await sentinel(hears, carol, group);
    expect(hears.events.filter((e) => e.event === "receipts.updated")).toEqual([]);
  });

  it("afterwards, what bob reads is private: others see it delivered at most", async () => {
    for (const id of [direct, group]) {
      const { seq } = await send(alice, id, "read me too");
      bobs.set(id, await ack(bob, id, "read", seq));
    }
    await ack(carol, group, "read", bobs.get(group)!.readSeq);
    expect(await statusesOf(alice, direct)).toEqual(["read", "delivered"]);
    expect(await statusesOf(alice, group)).toEqual(["read", "delivered"]);
    expect(await watermarksOf(direct, bob)).toEqual(bobs.get(direct)); // bob's own marks still move
  });

  it("turning them back on tells the senders, on their own channel, the receipts of what bob read", async () => {
    const hears = await (await connectAs(alice)).subscribe(userChannel(alice.id));
    expect(await updateSettings({ userId: bob.id, shareReadReceipts: true })).toMatchObject({
      shareReadReceipts: true,
    });
    // In each, alice's message bob read while hiding it (the group also holds carol's message).
    expect(await hears.next<ReceiptsEvent>("receipts.updated", (e) => e.conversationId === direct)).toEqual({
      conversationId: direct,
      receipts: [{ seq: bobs.get(direct)!.readSeq, recipients: 1, delivered: 1, read: 1 }],
    });
    expect(await hears.next<ReceiptsEvent>("receipts.updated", (e) => e.conversationId === group)).toEqual({
      conversationId: group,
      receipts: [{ seq: bobs.get(group)!.readSeq, recipients: 2, delivered: 2, read: 2 }],
    });
  });

  it("afterwards, the others see what bob read again", async () => {
    expect(await statusesOf(alice, direct)).toEqual(["read", "read"]);
    expect(await statusesOf(alice, group)).toEqual(["read", "read"]);
  });
});

describe("in a direct chat with someone who hides their read receipts", () => {
  it("turning one's own back on shows one's reads in a group, but not to them (reciprocity)", async () => {
    const [hider, sharer] = await registerAll("hider", "sharer");
    const chat = (await startDirect(hider, sharer)).id;
    const group = (await startGroup(hider, "Both", [sharer])).id;
    for (const id of [chat, group]) await send(hider, id, "hello");
    await updateSettings({ userId: hider.id, shareReadReceipts: false });
    await updateSettings({ userId: sharer.id, shareReadReceipts: false });
    for (const id of [chat, group]) await ack(sharer, id, "read", 1);

    const hears = await (await connectAs(hider)).subscribe(userChannel(hider.id));
    await updateSettings({ userId: sharer.id, shareReadReceipts: true });

    expect(await hears.next<ReceiptsEvent>("receipts.updated", (e) => e.conversationId === chat)).toEqual({
      conversationId: chat,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 0 }],
    });
    expect(await hears.next<ReceiptsEvent>("receipts.updated", (e) => e.conversationId === group)).toEqual({
      conversationId: group,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 1 }],
    });
    expect(await statusesOf(hider, chat)).toEqual(["delivered"]);
    expect(await statusesOf(hider, group)).toEqual(["read"]);
  });
});

describe("leaving the read-receipt setting as it is", () => {
  it("publishes nothing, whether only the name changes or the same value is saved again", async () => {
    const erin = await registerAs("erin");
    const chat = (await startDirect(alice, erin)).id;
    await send(alice, chat, "hi erin");
    await ack(erin, chat, "read", 1);
    const hears = await (await connectAs(alice)).subscribe(userChannel(alice.id));

    const published = realtimeServer().stats().eventsPublished;
    await updateSettings({ userId: erin.id, name: "Erin B." });
    await updateSettings({ userId: erin.id, shareReadReceipts: true });
    await updateSettings({ userId: erin.id });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await updateSettings({ userId: erin.id, shareReadReceipts: false });
    await updateSettings({ userId: erin.id, shareReadReceipts: false });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await sentinel(hears, erin, chat);
    expect(receiptsIn(hears, chat)).toEqual([]);
  });
});

describe("the settings panel's server action", () => {
  let frank: TestUser;
  beforeAll(async () => {
    frank = await registerAs("frank");
  });

  const action = (user: TestUser | null, input: unknown) => runAs(user, () => updateSettingsAction(input));
  const stored = () =>
    prisma.user.findUniqueOrThrow({
      where: { id: frank.id },
      select: { name: true, shareReadReceipts: true },
    });

  it("answers unauthorized when signed out, and changes nothing", async () => {
    expect(await action(null, { name: "Intruder" })).toEqual({
      ok: false,
      error: { code: "unauthorized", message: expect.any(String) },
    });
    expect(await stored()).toEqual({ name: "Frank", shareReadReceipts: true });
  });

  it("saves a trimmed name and answers only the settings", async () => {
    expect(await action(frank, { name: "  Franklin  " })).toEqual({
      ok: true,
      value: { name: "Franklin", shareReadReceipts: true, shareLastSeen: true },
    });
    expect(await stored()).toEqual({ name: "Franklin", shareReadReceipts: true });
  });

  it("refuses an invalid name or setting with bad_request, and changes nothing", async () => {
    for (const input of [
      { name: "" },
      { name: "   " },
      { name: "x".repeat(65) },
      { name: "bell\u0007" },
      { shareReadReceipts: "no" },
      { shareLastSeen: "off" },
    ]) {
      expect(await action(frank, input), JSON.stringify(input)).toEqual({
        ok: false,
        error: { code: "bad_request", message: expect.any(String) },
      });
    }
    expect(await stored()).toEqual({ name: "Franklin", shareReadReceipts: true });
  });

  it("changes only the signed-in user, whatever userId the input names", async () => {
    const result = await action(frank, { userId: alice.id, name: "Not Alice" });
    expect(result).toEqual({
      ok: true,
      value: { name: "Not Alice", shareReadReceipts: true, shareLastSeen: true },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: alice.id } })).name).toBe("Alice");
    expect((await stored()).name).toBe("Not Alice");
  });

  it("turns last seen off and on, answering the setting", async () => {
    expect(await action(frank, { shareLastSeen: false })).toMatchObject({
      ok: true,
      value: { shareLastSeen: false },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: frank.id } })).shareLastSeen).toBe(false);
    expect(await action(frank, { shareLastSeen: true })).toMatchObject({
      ok: true,
      value: { shareLastSeen: true },
    });
  });

  it("turning read receipts on shows what they read, as the domain function does", async () => {
    const chat = (await startDirect(alice, frank)).id;
    await send(alice, chat, "seen?");
    expect(await action(frank, { shareReadReceipts: false })).toEqual({
      ok: true,
      value: { name: "Not Alice", shareReadReceipts: false, shareLastSeen: true },
    });
    await ack(frank, chat, "read", 1);
    expect(await statusesOf(alice, chat)).toEqual(["delivered"]);
    const hears = await (await connectAs(alice)).subscribe(userChannel(alice.id));

    expect(await action(frank, { shareReadReceipts: true })).toMatchObject({ ok: true });
    expect(await hears.next<ReceiptsEvent>("receipts.updated", (e) => e.conversationId === chat)).toEqual({
      conversationId: chat,
      receipts: [{ seq: 1, recipients: 1, delivered: 1, read: 1 }],
    });
    expect(await statusesOf(alice, chat)).toEqual(["read"]);
  });
});
