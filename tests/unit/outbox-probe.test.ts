// The outbox's fallback when its localStorage flag was lost (a crash after IndexedDB committed):
// asking the database itself, without creating one for a user who has none.
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseName, holdsAnything } from "@/lib/client/outbox/probe";
import { openStore } from "@/lib/client/outbox/store";

const user = () => `u${randomUUID()}`;
const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe("holdsAnything", () => {
  it("says no for a user without a database, and leaves none behind", async () => {
    const id = user();
    expect(await holdsAnything(id)).toBe(false);
    expect(await databases()).not.toContain(databaseName(id));
  });

  it("says yes while a message waits, and no once the outbox is empty", async () => {
    const id = user();
    const store = await openStore(id);
    await store.add({
      clientId: randomUUID(),
      conversationId: "c",
      body: "hi",
      createdAt: new Date().toISOString(),
    });
    expect(await holdsAnything(id)).toBe(true);
    await store.clear();
    expect(await holdsAnything(id)).toBe(false);
  });

  it("says yes for a draft alone", async () => {
    const id = user();
    const store = await openStore(id);
    await store.saveDraft("c", "half a thought");
    expect(await holdsAnything(id)).toBe(true);
  });
});
