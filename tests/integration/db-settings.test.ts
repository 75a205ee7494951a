// The local SQLite connection's settings (lib/server/db/client.ts): synchronous=NORMAL must hold on the
// connection every query and transaction actually uses, including after the pool was renewed.
import { describe, expect, it } from "vitest";
import { prisma, resetConnections } from "@/lib/server/db/client";
import { ack, registerAs, send, startDirect } from "./helpers";

async function synchronous() {
  const rows = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return Number(rows[0]?.synchronous);
}

const NORMAL = 1;

describe("local SQLite connection", () => {
  it("commits with synchronous=NORMAL across sends, acks and a renewed pool", async () => {
    const alice = await registerAs("alice");
    const bob = await registerAs("bob");
    const chat = await startDirect(alice, bob);
    await send(alice, chat.id, "one");
    await ack(bob, chat.id, "read", 1);
    expect(await synchronous()).toBe(NORMAL);

    await prisma.$transaction(async (tx) => tx.user.count());
    expect(await synchronous()).toBe(NORMAL);

    await resetConnections();
    await send(alice, chat.id, "two");
    expect(await synchronous()).toBe(NORMAL);
  });
});
