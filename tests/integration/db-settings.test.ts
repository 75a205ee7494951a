// The local SQLite connections (lib/server/db/client.ts): synchronous=NORMAL must hold on every
// connection queries and transactions actually use (Prisma's, and the one sql.ts's statements run
// on), including after a reset renewed them; and the two run one operation at a time.
import { describe, expect, it } from "vitest";
import { prisma, resetConnections } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/db/generated/client";
import { countHit } from "@/lib/server/db/rate-limit";
import { isoText, query } from "@/lib/server/db/sql";
import { ack, registerAs, send, startDirect } from "./helpers";

/** The setting on Prisma's connection and on sql.ts's: the same, or a message saying which. */
async function synchronous() {
  const rows = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  const [own] = await query<{ synchronous: number }>(Prisma.sql`PRAGMA synchronous`);
  const [viaPrisma, viaSql] = [Number(rows[0]?.synchronous), Number(own?.synchronous)];
  return viaPrisma === viaSql ? viaPrisma : `Prisma's ${viaPrisma}, sql.ts's ${viaSql}`;
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

describe("one operation at a time", () => {
  it("a write past Prisma while a Prisma transaction holds the write lock waits for it", async () => {
    const erin = await registerAs("erin");
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // An interactive transaction that has written (so holds SQLite's write lock) and awaits more.
    const transaction = prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: erin.id }, data: { name: "Erin E." } });
      inside();
      await finished;
    });
    await entered;
    // A send's rate-limit count, one of the statements that go past Prisma (sql.ts), asked for
    // before the transaction can go on. Run at once on its own connection, SQLite would wait out
    // the busy timeout on this thread, the transaction with it, and fail (a send would answer 503).
    const counting = countHit(`test:${erin.id}`, 0);
    finish();
    await transaction;
    expect(await counting).toBe(1);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: erin.id } });
    expect(stored.name).toBe("Erin E.");
  });
});

describe("a DateTime read past Prisma", () => {
  it("comes back in JSON's form, as written by either path or by SQLite's own default", async () => {
    const user = await registerAs("dana"); // createdAt written by Prisma
    const { createdAt } = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const at = new Date("2026-12-03T06:09:00.123Z");
    const [row] = await query<{ prisma: string; own: string; sqlite: string }>(
      Prisma.sql`SELECT "createdAt" AS "prisma", ${at} AS "own", '2026-12-03 06:09:00' AS "sqlite"
                 FROM "User" WHERE "id" = ${user.id}`,
    );
    expect(isoText(row!.prisma)).toBe(createdAt.toISOString());
    expect(isoText(row!.own)).toBe(at.toISOString());
    expect(isoText(row!.sqlite)).toBe(new Date("2026-12-03 06:09:00").toISOString());
    expect(isoText(null)).toBeNull();
  });
});
