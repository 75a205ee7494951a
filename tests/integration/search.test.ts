// GET /api/search: full-text search that only ever finds what the searcher may read, and follows
// edits and deletions (docs/architecture.md, "Search").
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchHit } from "@/lib/core/search";
import { anonymous, as, registerAll, routes, send, startDirect, startGroup, type TestUser } from "./helpers";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // never in alice and bob's chats
let dave: TestUser; // added to the group late, then removed
let direct: string;
let group: string;

const search = (user: TestUser | null, query: Record<string, string | number>) =>
  as(user).call(routes.search.GET, { path: "/api/search", query });

async function found(user: TestUser, q: string, conversationId?: string): Promise<SearchHit[]> {
  const { status, json } = await search(user, { q, ...(conversationId ? { conversationId } : {}) });
  expect(status, JSON.stringify(json)).toBe(200);
  return json.results;
}

const texts = (hits: SearchHit[]) => hits.map((h) => h.parts.map((p) => p.text).join(""));

beforeAll(async () => {
  [alice, bob, carol, dave] = await registerAll("alice", "bob", "carol", "dave");
  direct = (await startDirect(alice, bob)).id;
  await send(alice, direct, "the pelican flies at dawn");
  await send(bob, direct, "Pelicans are great; see https://example.com/pelican");
  group = (await startGroup(alice, "Birds", [bob])).id;
  await send(alice, group, "heron before dave joined");
  expect(
    (await as(alice).call(routes.members.POST, { id: group, body: { userIds: [dave.id] } })).status,
  ).toBe(200);
  await send(bob, group, "heron while dave is here");
  expect(
    (await as(alice).call(routes.member.DELETE, { method: "DELETE", id: group, userId: dave.id })).status,
  ).toBe(200);
  await send(alice, group, "heron after dave left");
});

describe("GET /api/search", () => {
  it("finds messages in one's chats, newest first, with the match marked as plain text parts", async () => {
    const hits = await found(alice, "pelican");
    expect(hits.map((h) => [h.conversationId, h.seq])).toEqual([
      [direct, 2],
      [direct, 1],
    ]);
    expect(hits[1]!.sender).toEqual({ id: alice.id, name: alice.name, username: alice.username });
    expect(hits[1]!.parts).toEqual([
      { text: "the ", match: false },
      { text: "pelican", match: true },
      { text: " flies at dawn", match: false },
    ]);
    expect(new Date(hits[0]!.createdAt).getTime()).toBeGreaterThan(0);
  });

  it("matches the last word as a prefix (search as you type), case and accents aside", async () => {
    expect(texts(await found(bob, "PELI"))).toHaveLength(2);
    expect(texts(await found(bob, "pélican flies"))).toEqual(["the pelican flies at dawn"]);
  });

  it("searches one conversation when asked", async () => {
    const hits = await found(alice, "heron", group);
    expect(hits.every((h) => h.conversationId === group)).toBe(true);
    expect(await found(alice, "pelican", group)).toEqual([]);
  });

  it("never finds a message from a chat the searcher isn't in", async () => {
    expect(await found(carol, "pelican")).toEqual([]);
    expect((await search(carol, { q: "pelican", conversationId: direct })).status).toBe(403);
  });

  it("finds nothing from before one joined, or after one was removed", async () => {
    expect(texts(await found(dave, "heron"))).toEqual(["heron while dave is here"]);
    expect(texts(await found(dave, "heron", group))).toEqual(["heron while dave is here"]);
    expect(texts(await found(bob, "heron", group))).toHaveLength(3);
  });

  it("follows edits: the new text is found, the old one no longer", async () => {
    const sent = await send(alice, direct, "kestrel sighting");
    const edited = await as(alice).call(routes.message.PATCH, {
      method: "PATCH",
      id: direct,
      seq: sent.seq,
      body: { body: "falcon sighting" },
    });
    expect(edited.status).toBe(200);
    expect(await found(bob, "kestrel")).toEqual([]);
    expect(texts(await found(bob, "falcon"))).toEqual(["falcon sighting"]);
  });

  it("never finds text deleted for everyone", async () => {
    const sent = await send(bob, direct, "osprey secret");
    expect(texts(await found(alice, "osprey"))).toEqual(["osprey secret"]);
    const deleted = await as(bob).call(routes.message.DELETE, {
      method: "DELETE",
      id: direct,
      seq: sent.seq,
      query: { for: "everyone" },
    });
    expect(deleted.status).toBe(200);
    expect(await found(alice, "osprey")).toEqual([]);
    expect(await found(bob, "osprey")).toEqual([]);
  });

  it("hides what one deleted for oneself, from oneself only", async () => {
    const sent = await send(bob, direct, "albatross note");
    const hidden = await as(alice).call(routes.message.DELETE, {
      method: "DELETE",
      id: direct,
      seq: sent.seq,
      query: { for: "me" },
    });
    expect(hidden.status).toBe(200);
    expect(await found(alice, "albatross")).toEqual([]);
    expect(texts(await found(bob, "albatross"))).toEqual(["albatross note"]);
  });

  it("pages back with the cursor, without repeats", async () => {
    const convo = (await startDirect(carol, dave)).id;
    for (let i = 0; i < 25; i++) await send(carol, convo, `wren number ${i}`);
    const first = await search(carol, { q: "wren" });
    expect(first.json.results).toHaveLength(20);
    expect(first.json.next).toEqual(expect.any(Number));
    const second = await search(carol, { q: "wren", before: first.json.next });
    expect(second.json.results).toHaveLength(5);
    expect(second.json.next).toBeNull();
    const seqs = [...first.json.results, ...second.json.results].map((h: SearchHit) => h.seq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it("takes FTS syntax in the query as plain words, never as an error", async () => {
    for (const q of [
      '"pelican',
      "pelican*",
      "NEAR(pelican dawn)",
      "pelican OR",
      "-pelican",
      "{body}: x",
      "^the",
    ]) {
      const { status } = await search(alice, { q });
      expect(status, q).toBe(200);
    }
    expect(texts(await found(alice, '"pelican" AND'))).toEqual([]);
    expect(await found(alice, "!!! ???")).toEqual([]);
  });

  it("refuses the signed out (401) and malformed queries (400)", async () => {
    expect((await anonymous.call(routes.search.GET, { query: { q: "pelican" } })).status).toBe(401);
    const queries: Record<string, string>[] = [
      {},
      { q: "" },
      { q: "   " },
      { q: "x".repeat(101) },
      { q: "bad\u0000byte" },
      { q: "ok", conversationId: "not an id!" },
      { q: "ok", before: "-1" },
      { q: "ok", before: "abc" },
    ];
    for (const query of queries) {
      const { status, json } = await search(alice, query);
      expect(status, JSON.stringify(query)).toBe(400);
      expect(json.error.code).toBe("bad_request");
    }
  });

  it("answers 404 for a conversation that doesn't exist", async () => {
    expect((await search(alice, { q: "x", conversationId: "nosuchconversation1" })).status).toBe(404);
  });
});
