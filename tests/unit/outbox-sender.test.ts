// The send loop against a real IndexedDB store (fake-indexeddb) and a stand-in server that stores
// each clientId once, as POST /api/conversations/[id]/messages does.
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "@/lib/core/types";
import { ClientError } from "@/lib/client/api";
import type { OutboxRecord } from "@/lib/client/outbox/record";
import { outcomeOf, runSender, Wakeup } from "@/lib/client/outbox/sender";
import { openStore, type OutboxStore } from "@/lib/client/outbox/store";

/** "lost": stored, but the answer never arrives (a reset connection, the browser still online). */
type Answer = "store" | ClientError | "offline" | "lost";

/** Stores each clientId once (a repeat answers the stored message); answers follow a script. */
function server(script: Answer[] = []) {
  const stored = new Map<string, Message>();
  const attempts: string[] = [];
  let online = true;
  return {
    stored,
    attempts,
    online: () => online,
    setOnline: (value: boolean) => void (online = value),
    async deliver(r: OutboxRecord): Promise<Message> {
      attempts.push(r.body);
      const answer = script.shift() ?? "store";
      if (answer === "offline" || !online) {
        online = false;
        throw new ClientError({ code: "network", message: "Couldn't reach the server." });
      }
      if (answer instanceof ClientError) throw answer;
      const message: Message = stored.get(r.clientId) ?? {
        id: `m${stored.size + 1}`,
        conversationId: r.conversationId,
        seq: stored.size + 1,
        sender: { id: "me", username: "me", name: "Me" },
        body: r.body,
        clientId: r.clientId,
        createdAt: new Date().toISOString(),
        changeSeq: stored.size + 1,
      };
      stored.set(r.clientId, message);
      if (answer === "lost")
        throw new ClientError({ code: "network", message: "Couldn't reach the server." });
      return message;
    },
  };
}

const stops: AbortController[] = [];
afterEach(() => stops.splice(0).forEach((s) => s.abort()));

async function setup(script?: Answer[]) {
  const store = await openStore(`u${randomUUID()}`);
  const api = server(script);
  const wakeup = new Wakeup();
  const sent: string[] = [];
  const sleeps: number[] = [];
  const stop = new AbortController();
  stops.push(stop);
  const loop = runSender(
    {
      store,
      deliver: (r) => api.deliver(r),
      onSent: async (r, m) => {
        // Shown before the record goes: it must still be in the store here.
        expect(await store.get(r.clientId)).toBeDefined();
        sent.push(m.body);
      },
      onChange: () => {},
      online: api.online,
      sleep: async (ms) => void sleeps.push(ms),
      wakeup,
    },
    stop.signal,
  );
  const add = async (body: string, conversationId = "c") => {
    const r = await store.add({ clientId: randomUUID(), conversationId, body, createdAt: "" });
    wakeup.wake();
    return r;
  };
  return { store, api, wakeup, sent, sleeps, add, stop, loop };
}

/** Waits until the store holds exactly what `check` expects (the loop runs on its own). */
async function until(store: OutboxStore, check: (records: OutboxRecord[]) => boolean) {
  for (let i = 0; i < 200; i++) {
    if (check(await store.all())) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never reached: ${JSON.stringify(await store.all())}`);
}

describe("the send loop", () => {
  it("sends in typed order, across conversations, each once, and empties the outbox", async () => {
    const { store, api, sent, add } = await setup();
    await add("a1", "a");
    await add("b1", "b");
    await add("a2", "a");
    await until(store, (rs) => rs.length === 0);
    expect(sent).toEqual(["a1", "b1", "a2"]);
    expect(api.attempts).toEqual(["a1", "b1", "a2"]);
    expect([...api.stored.values()].map((m) => m.body)).toEqual(["a1", "b1", "a2"]);
  });

  it("offline: waits, then resends the same clientId when the network is back (stored once)", async () => {
    const { store, api, wakeup, sent, add } = await setup(["offline"]);
    const r = await add("typed offline");
    await add("and another");
    await until(store, () => api.attempts.length === 1);
    expect(api.stored.size).toBe(0);
    api.setOnline(true);
    wakeup.wake();
    await until(store, (rs) => rs.length === 0);
    expect(api.attempts).toEqual(["typed offline", "typed offline", "and another"]);
    expect(sent).toEqual(["typed offline", "and another"]);
    expect([...api.stored.keys()][0]).toBe(r.clientId);
  });

  it("rate limited: waits as told, then sends the same message again before any later one", async () => {
    const limited = new ClientError({ code: "rate_limited", message: "Slow down", retryAfter: 2 });
    const { store, api, sleeps, add } = await setup([limited]);
    await add("first");
    await add("second");
    await until(store, (rs) => rs.length === 0);
    expect(sleeps).toEqual([2000]);
    expect(api.attempts).toEqual(["first", "first", "second"]);
  });

  it("a refusal leaves the message Not sent with the server's reason, and the next still goes out", async () => {
    const refused = new ClientError({ code: "forbidden", message: "You are not a member of this chat" });
    const { store, sent, add } = await setup([refused]);
    const r = await add("refused");
    await add("next");
    await until(store, (rs) => rs.length === 1 && rs[0]!.state === "failed");
    expect(await store.get(r.clientId)).toMatchObject({
      state: "failed",
      failure: { code: "forbidden", message: "You are not a member of this chat", retryable: false },
    });
    expect(sent).toEqual(["next"]);
  });

  it("no answer while online: Not sent, retryable; a retry sends the same clientId, stored once", async () => {
    const { store, api, wakeup, sent, add } = await setup(["lost"]);
    const r = await add("answer lost");
    await until(store, (rs) => rs[0]?.state === "failed");
    expect(await store.get(r.clientId)).toMatchObject({ failure: { code: "network", retryable: true } });
    expect(api.stored.size).toBe(1);
    await store.update(r.clientId, { state: "queued", failure: undefined });
    wakeup.wake();
    await until(store, (rs) => rs.length === 0);
    expect(api.attempts).toEqual(["answer lost", "answer lost"]);
    expect(api.stored.size).toBe(1);
    expect(sent).toEqual(["answer lost"]);
  });

  it("stops when the tab stops leading", async () => {
    const { stop, loop } = await setup();
    stop.abort();
    await expect(loop).resolves.toBeUndefined();
  });
});

describe("outcomeOf", () => {
  const network = new ClientError({ code: "network", message: "Couldn't reach the server." });

  it("no answer while offline: wait for the network", () => {
    expect(outcomeOf(network, false)).toBe("offline");
  });

  it("no answer while online, or a server error: Not sent, retryable", () => {
    expect(outcomeOf(network, true)).toEqual({
      failed: { code: "network", message: network.message, retryable: true },
    });
    expect(outcomeOf(new ClientError({ code: "internal", message: "x" }), true)).toMatchObject({
      failed: { code: "internal", retryable: true },
    });
  });

  it("429/503 with Retry-After: wait that long", () => {
    const busy = new ClientError({ code: "unavailable", message: "Busy", retryAfter: 3 });
    expect(outcomeOf(busy, true)).toEqual({ waitMs: 3000 });
  });

  it("refused for good: Not sent with the server's words, not retryable", () => {
    for (const code of ["bad_request", "forbidden", "not_found", "payload_too_large"] as const) {
      expect(outcomeOf(new ClientError({ code, message: `why ${code}` }), true)).toEqual({
        failed: { code, message: `why ${code}`, retryable: false },
      });
    }
  });
});
