// Faults: a locked database, a crash between commit and trigger, and many concurrent senders.
// The database is the truth: nothing half-written, nothing lost, seqs gap-free and unique.
import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { userChannel } from "@/lib/core/realtime/channels";
import type { ConversationUpdatedEvent } from "@/lib/core/types";
import { as, messagesOf, registerAll, routes, startGroup, summaryOf, type TestUser } from "./helpers";
import { connectAs } from "./realtime";

// Simulates the process dying right after the transaction committed, before any event went out.
const crash = vi.hoisted(() => ({ on: false }));
vi.mock("@/lib/server/realtime/notify", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/realtime/notify")>();
  return {
    ...real,
    notifyMessageCreated: async (...args: Parameters<typeof real.notifyMessageCreated>) => {
      if (crash.on) throw new Error("process crashed after commit");
      return real.notifyMessageCreated(...args);
    },
  };
});

let users: TestUser[];
let group: string;

beforeAll(async () => {
  users = await registerAll("alice", "bob", "carol", "dave");
  group = (await startGroup(users[0]!, "Ops", users.slice(1))).id;
});

const sendAs = (user: TestUser, body: string, clientId = randomUUID()) =>
  as(user).call(routes.messages.POST, { id: group, body: { body, clientId } });

describe("a locked database", () => {
  it("answers 503 with Retry-After after a bounded wait, writes nothing, and the retry then succeeds", async () => {
    const before = (await summaryOf(users[0]!, group)).lastSeq;
    const blocker = createClient({ url: process.env.DATABASE_URL! });
    // A write transaction (BEGIN IMMEDIATE) on another connection holds the write lock.
    const lock = await blocker.transaction("write");
    const clientId = randomUUID();
    let answer;
    try {
      answer = await sendAs(users[0]!, "while locked", clientId);
    } finally {
      await lock.rollback();
      blocker.close();
    }
    expect(answer.status).toBe(503);
    expect(answer.json.error.code).toBe("unavailable");
    // Nothing half-written: no message, no seq taken.
    expect((await summaryOf(users[0]!, group)).lastSeq).toBe(before);
    const { messages } = await messagesOf(users[0]!, group, { after: before });
    expect(messages).toEqual([]);

    const retry = await sendAs(users[0]!, "while locked", clientId);
    expect(retry.status).toBe(201);
    expect(retry.json.message.seq).toBe(before + 1);
  });
});

describe("a crash between commit and trigger", () => {
  it("loses no message: the next fetch shows it, and a retry returns it and announces it", async () => {
    const carols = await (await connectAs(users[2]!)).subscribe(userChannel(users[2]!.id));
    crash.on = true;
    const clientId = randomUUID();
    let failed;
    try {
      failed = await sendAs(users[1]!, "committed, never announced", clientId);
    } finally {
      crash.on = false;
    }
    expect(failed.status).toBe(500);
    const { messages } = await messagesOf(users[2]!, group);
    const stored = messages.filter((m: { clientId: string }) => m.clientId === clientId);
    expect(stored).toHaveLength(1);
    const retry = await sendAs(users[1]!, "committed, never announced", clientId);
    expect(retry.status).toBe(200);
    expect(retry.json.message.id).toBe(stored[0]!.id);
    // The retry is the sender saying nobody answered: the members hear of it now.
    const heard = await carols.next<ConversationUpdatedEvent>(
      "conversation.updated",
      (e) => e.lastMessage?.clientId === clientId,
    );
    expect(heard.lastMessage).toMatchObject({ id: stored[0]!.id, body: "committed, never announced" });
    expect(heard.lastMessage).not.toHaveProperty("receipts");
  });
});

describe("200 parallel sends from 4 users", () => {
  it("get seqs that are exactly the next 200, each once", async () => {
    const before = (await summaryOf(users[0]!, group)).lastSeq;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => sendAs(users[i % 4]!, `parallel ${i}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const seqs = answers.map((a) => a.json.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
    const stored = [
      ...(await messagesOf(users[0]!, group, { after: before, limit: 100 })).messages,
      ...(await messagesOf(users[0]!, group, { after: before + 100, limit: 100 })).messages,
    ];
    expect(stored.map((m: { seq: number }) => m.seq)).toEqual(seqs);
  });
});
