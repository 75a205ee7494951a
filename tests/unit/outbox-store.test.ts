// The outbox's storage: IndexedDB (fake-indexeddb, the same API in Node), one database per user.
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextToSend, type OutboxRecord } from "@/lib/client/outbox/record";
import { openStore } from "@/lib/client/outbox/store";

const user = () => `u${randomUUID()}`;
const record = (conversationId: string, body: string) => ({
  clientId: randomUUID(),
  conversationId,
  body,
  createdAt: new Date().toISOString(),
});
const bodies = (records: OutboxRecord[]) => records.map((r) => r.body);

describe("the outbox store", () => {
  it("keeps messages in typed order, across conversations", async () => {
    const store = await openStore(user());
    for (const [c, body] of [
      ["a", "1"],
      ["b", "2"],
      ["a", "3"],
    ] as const)
      await store.add(record(c, body));
    const all = await store.all();
    expect(bodies(all)).toEqual(["1", "2", "3"]);
    expect(all.map((r) => r.order)).toEqual([1, 2, 3]);
    expect(all.every((r) => r.state === "queued")).toBe(true);
  });

  it("gives two tabs adding at once distinct, increasing places (one transaction each)", async () => {
    const id = user();
    const [tab1, tab2] = await Promise.all([openStore(id), openStore(id)]);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? tab1 : tab2).add(record("c", `m${i}`))));
    const orders = (await tab1.all()).map((r) => r.order);
    expect(orders).toHaveLength(10);
    expect(new Set(orders).size).toBe(10);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it("puts a new message after every one still there, even after older ones went", async () => {
    const store = await openStore(user());
    const first = await store.add(record("c", "first"));
    await store.add(record("c", "second"));
    await store.remove(first.clientId);
    const third = await store.add(record("c", "third"));
    expect(bodies(await store.all())).toEqual(["second", "third"]);
    expect(third.order).toBeGreaterThan(2);
  });

  it("keeps one record per clientId", async () => {
    const store = await openStore(user());
    const r = record("c", "once");
    await store.add(r);
    await expect(store.add(r)).rejects.toThrow();
    expect(await store.all()).toHaveLength(1);
  });

  it("survives closing and reopening (a reload, a restart)", async () => {
    const id = user();
    const before = await openStore(id);
    const r = await before.add(record("c", "kept"));
    await before.saveDraft("c", "half a thought");
    before.close();
    const after = await openStore(id);
    expect(await after.all()).toEqual([r]);
    expect(await after.drafts()).toEqual([{ conversationId: "c", body: "half a thought" }]);
  });

  it("keeps each user's records apart", async () => {
    const alice = await openStore(user());
    const bob = await openStore(user());
    await alice.add(record("c", "alice's"));
    expect(await bob.all()).toEqual([]);
  });

  it("updates a record still there, and says false for one already gone", async () => {
    const store = await openStore(user());
    const r = await store.add(record("c", "x"));
    const failure = { code: "forbidden" as const, message: "Not a member", retryable: false };
    expect(await store.update(r.clientId, { state: "failed", failure })).toBe(true);
    expect(await store.get(r.clientId)).toMatchObject({ state: "failed", failure, order: r.order });
    await store.remove(r.clientId);
    expect(await store.update(r.clientId, { state: "queued" })).toBe(false);
    expect(await store.all()).toEqual([]);
  });

  it("saves drafts per conversation, deletes one saved empty, and forgets everything on clear", async () => {
    const store = await openStore(user());
    await store.saveDraft("a", "draft a");
    await store.saveDraft("b", "draft b");
    await store.saveDraft("a", "   ");
    expect(await store.drafts()).toEqual([{ conversationId: "b", body: "draft b" }]);
    await store.add(record("b", "queued"));
    await store.clear();
    expect(await store.all()).toEqual([]);
    expect(await store.drafts()).toEqual([]);
  });
});

describe("nextToSend", () => {
  const r = (order: number, state: OutboxRecord["state"]): OutboxRecord => ({
    ...record("c", `m${order}`),
    order,
    state,
  });

  it("is the oldest queued message; failed ones wait for the person", () => {
    expect(nextToSend([r(3, "queued"), r(1, "failed"), r(2, "queued")])?.order).toBe(2);
    expect(nextToSend([r(1, "failed")])).toBeUndefined();
    expect(nextToSend([])).toBeUndefined();
  });
});

describe("a queued message's files", () => {
  it("keep their bytes (a Blob) and, once uploaded, their upload ids: a retry re-picks nothing", async () => {
    const store = await openStore(user());
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const file = {
      id: "f1",
      name: "cat.png",
      contentType: "image/png" as const,
      size: bytes.length,
      kind: "image" as const,
      width: 2,
      height: 1,
      file: new Blob([bytes], { type: "image/png" }),
    };
    const added = await store.add({ ...record("c", ""), files: [file] });
    const [kept] = await store.all();
    expect(kept!.files).toHaveLength(1);
    expect(kept!.files![0]).toMatchObject({ name: "cat.png", width: 2, height: 1 });
    expect(new Uint8Array(await kept!.files![0]!.file.arrayBuffer())).toEqual(bytes);

    await store.update(added.clientId, { files: [{ ...kept!.files![0]!, uploadId: "up1" }] });
    await store.update(added.clientId, { state: "failed" });
    const [failed] = await store.all();
    expect(failed!.state).toBe("failed");
    expect(failed!.files![0]!.uploadId).toBe("up1");
    expect(new Uint8Array(await failed!.files![0]!.file.arrayBuffer())).toEqual(bytes);
  });
});
