// Settings (lib/server/chat/settings.ts, behind the settings panel's server action): the display name,
// and whether to share read receipts. Turning sharing off or on changes what every other member may
// see of the user's read state (docs/architecture.md, "Receipts"), so each of their conversations hears the
// watermarks as now visible (docs/architecture.md, "Realtime events").
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

const conversationChannel = (id: string) => `private-conversation-${id}`;

/** The sender's view of their own messages' status in a conversation. */
const statusesOf = async (sender: TestUser, conversationId: string) =>
  (await open(sender, conversationId)).messages.filter((m) => m.sender.id === sender.id).map((m) => m.status);

/** Publishes a message in `conversationId` and waits for it: every earlier event has arrived. */
async function sentinel(recorder: Recorder, sender: TestUser, conversationId: string) {
  const { id } = await send(sender, conversationId, `sentinel ${randomUUID()}`);
  await recorder.next<{ message: { id: string } }>("message.created", (e) => e.message.id === id);
}

const receiptsFrom = (recorder: Recorder, user: TestUser) =>
  recorder.events
    .filter((e) => e.event === "receipts.updated" && (e.data as ReceiptsEvent).userId === user.id)
    .map((e) => e.data);

describe("changing the display name", () => {
  it("answers the updated user, without the password hash, and others see the new name", async () => {
    const dave = await registerAs("dave");
    const updated = await updateSettings({ userId: dave.id, name: "David" });
    expect(updated).toEqual({ id: dave.id, username: "dave", name: "David", shareReadReceipts: true });
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
  // Bob has read everything alice wrote in each of his conversations; carol has too, in the group,
  // so alice's group message is "read" only while bob's read state is visible.
  let lobby: string;
  let direct: string;
  let group: string;
  let elsewhere: string; // alice and carol's chat, without bob
  const bobs = new Map<string, { deliveredSeq: number; readSeq: number }>();

  beforeAll(async () => {
    lobby = (await lobbyOf(bob)).id;
    direct = (await startDirect(alice, bob)).id;
    group = (await startGroup(alice, "Readers", [bob, carol])).id;
    elsewhere = (await startDirect(alice, carol)).id;
    for (const id of [lobby, direct, group]) {
      const { seq } = await send(alice, id, "read me");
      bobs.set(id, await ack(bob, id, "read", seq));
    }
    await ack(carol, group, "read", 1);
  });

  it("before the change, the others see what bob read", async () => {
    expect(await statusesOf(alice, direct)).toEqual(["read"]);
    expect(await statusesOf(alice, group)).toEqual(["read"]);
    expect(await watermarksOf(alice, lobby, bob)).toEqual(bobs.get(lobby));
  });

  it("turning them off announces bob's readSeq as null on every conversation he is in, and nowhere else", async () => {
    const listener = await connectAs(alice);
    const hears = new Map<string, Recorder>();
    for (const id of [lobby, direct, group, elsewhere]) {
      hears.set(id, await listener.subscribe(conversationChannel(id)));
    }

    const updated = await updateSettings({ userId: bob.id, shareReadReceipts: false });
    expect(updated).toMatchObject({ id: bob.id, shareReadReceipts: false });

    for (const id of [lobby, direct, group]) {
      const heard = await hears.get(id)!.next<ReceiptsEvent>("receipts.updated", (r) => r.userId === bob.id);
      expect(heard, id).toEqual({
        conversationId: id,
        userId: bob.id,
        deliveredSeq: bobs.get(id)!.deliveredSeq,
        readSeq: null,
      });
    }
    await sentinel(hears.get(elsewhere)!, carol, elsewhere);
    expect(receiptsFrom(hears.get(elsewhere)!, bob)).toEqual([]);
    // One announcement per conversation, not one per message or per member.
    for (const id of [lobby, direct, group]) expect(receiptsFrom(hears.get(id)!, bob), id).toHaveLength(1);
  });

  it("afterwards, the others see bob's readSeq null and their messages delivered at most", async () => {
    for (const id of [lobby, direct, group]) {
      const state = (await open(alice, id)).members.find((m) => m.user.id === bob.id);
      expect(state, id).toMatchObject({
        deliveredSeq: bobs.get(id)!.deliveredSeq,
        readSeq: null,
        readAt: null,
      });
    }
    expect(await statusesOf(alice, direct)).toEqual(["delivered"]);
    expect(await statusesOf(alice, group)).toEqual(["delivered"]);
    expect(await watermarksOf(bob, direct, bob)).toEqual(bobs.get(direct)); // bob still sees his own
  });

  it("turning them back on announces bob's real readSeq again", async () => {
    const listener = await connectAs(carol);
    const hearsGroup = await listener.subscribe(conversationChannel(group));
    const hearsLobby = await listener.subscribe(conversationChannel(lobby));

    expect(await updateSettings({ userId: bob.id, shareReadReceipts: true })).toMatchObject({
      shareReadReceipts: true,
    });
    for (const [id, hears] of [
      [group, hearsGroup],
      [lobby, hearsLobby],
    ] as const) {
      expect(await hears.next<ReceiptsEvent>("receipts.updated", (r) => r.userId === bob.id), id).toEqual({
        conversationId: id,
        userId: bob.id,
        ...bobs.get(id),
      });
    }
  });

  it("afterwards, the others see what bob read again", async () => {
    expect(await statusesOf(alice, direct)).toEqual(["read"]);
    expect(await statusesOf(alice, group)).toEqual(["read"]);
    expect(await watermarksOf(alice, lobby, bob)).toEqual(bobs.get(lobby));
  });
});

describe("in a direct chat with someone who hides their read receipts", () => {
  it("turning one's own back on still announces readSeq null there (reciprocity), but not in a group", async () => {
    const [hider, sharer] = await registerAll("hider", "sharer");
    const chat = (await startDirect(hider, sharer)).id;
    const group = (await startGroup(hider, "Both", [sharer])).id;
    for (const id of [chat, group]) {
      await send(hider, id, "hello");
      await ack(sharer, id, "read", 1);
    }
    await updateSettings({ userId: hider.id, shareReadReceipts: false });
    await updateSettings({ userId: sharer.id, shareReadReceipts: false });

    const listener = await connectAs(hider);
    const hearsChat = await listener.subscribe(conversationChannel(chat));
    const hearsGroup = await listener.subscribe(conversationChannel(group));
    await updateSettings({ userId: sharer.id, shareReadReceipts: true });

    expect(await hearsChat.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: chat,
      userId: sharer.id,
      deliveredSeq: 1,
      readSeq: null,
    });
    expect(await hearsGroup.next<ReceiptsEvent>("receipts.updated")).toEqual({
      conversationId: group,
      userId: sharer.id,
      deliveredSeq: 1,
      readSeq: 1,
    });
  });
});

describe("leaving the read-receipt setting as it is", () => {
  it("publishes nothing, whether only the name changes or the same value is saved again", async () => {
    const erin = await registerAs("erin");
    const chat = (await startDirect(alice, erin)).id;
    await send(alice, chat, "hi erin");
    await ack(erin, chat, "read", 1);
    const hears = await (await connectAs(alice)).subscribe(conversationChannel(chat));

    const published = realtimeServer().stats().eventsPublished;
    await updateSettings({ userId: erin.id, name: "Erin B." });
    await updateSettings({ userId: erin.id, shareReadReceipts: true });
    await updateSettings({ userId: erin.id });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await prisma.user.update({ where: { id: erin.id }, data: { shareReadReceipts: false } });
    await updateSettings({ userId: erin.id, shareReadReceipts: false });
    expect(realtimeServer().stats().eventsPublished).toBe(published);

    await sentinel(hears, alice, chat);
    expect(receiptsFrom(hears, erin)).toEqual([]);
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
      value: { name: "Franklin", shareReadReceipts: true },
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
    expect(result).toEqual({ ok: true, value: { name: "Not Alice", shareReadReceipts: true } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: alice.id } })).name).toBe("Alice");
    expect((await stored()).name).toBe("Not Alice");
  });

  it("turning read receipts off announces it to the user's conversations, as the domain function does", async () => {
    const chat = (await startDirect(alice, frank)).id;
    await send(alice, chat, "seen?");
    await ack(frank, chat, "read", 1);
    const hears = await (await connectAs(alice)).subscribe(conversationChannel(chat));

    expect(await action(frank, { shareReadReceipts: false })).toEqual({
      ok: true,
      value: { name: "Not Alice", shareReadReceipts: false },
    });
    expect(await hears.next<ReceiptsEvent>("receipts.updated", (r) => r.userId === frank.id)).toEqual({
      conversationId: chat,
      userId: frank.id,
      deliveredSeq: 1,
      readSeq: null,
    });
    expect(await statusesOf(alice, chat)).toEqual(["delivered"]);
  });
});
