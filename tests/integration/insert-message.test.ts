// lib/server/db/messages.ts insertMessage: one batch of plain statements, all or nothing.
import { describe, expect, it } from "vitest";
import { insertMessage } from "@/lib/server/db/messages";
import { newId } from "@/lib/server/db/ids";
import { idSchema } from "@/lib/core/validations/common";
import { registerAs, startDirect, summaryOf, watermarksOf } from "./helpers";

describe("insertMessage", () => {
  it("stores the message with the next seq and moves the sender's watermarks", async () => {
    const alice = await registerAs("alice");
    const bob = await registerAs("bob");
    const chat = await startDirect(alice, bob);
    const sender = { id: alice.id, username: alice.username, name: alice.name };
    const row = await insertMessage({
      conversationId: chat.id,
      sender,
      shares: true,
      body: "hi",
      clientId: "c-1",
    });
    expect(row).toMatchObject({ conversationId: chat.id, seq: 1, body: "hi", clientId: "c-1", sender });
    expect(idSchema.safeParse(row?.id).success).toBe(true);
    expect((await summaryOf(bob, chat.id)).lastSeq).toBe(1);
    expect(await watermarksOf(chat.id, alice)).toMatchObject({ deliveredSeq: 1 });
  });

  it("returns null for a clientId already used by the sender and leaves nothing behind", async () => {
    const carol = await registerAs("carol");
    const dave = await registerAs("dave");
    const chat = await startDirect(carol, dave);
    const sender = { id: carol.id, username: carol.username, name: carol.name };
    await insertMessage({ conversationId: chat.id, sender, shares: true, body: "one", clientId: "same" });
    const again = await insertMessage({
      conversationId: chat.id,
      sender,
      shares: true,
      body: "one",
      clientId: "same",
    });
    expect(again).toBeNull();
    // The whole batch rolled back: the seq was not burnt.
    expect((await summaryOf(dave, chat.id)).lastSeq).toBe(1);
    const next = await insertMessage({
      conversationId: chat.id,
      sender,
      shares: true,
      body: "two",
      clientId: "other",
    });
    expect(next?.seq).toBe(2);
  });

  it("makes ids that idSchema accepts and that differ", () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(idSchema.safeParse(id).success).toBe(true);
  });
});
