// `npm start` runs several server processes on one SQLite file (scripts/workers.ts). A Prisma
// transaction that reads and then writes must not fail because another process wrote in between:
// in WAL mode a deferred transaction whose snapshot went stale can't take the write lock, and SQLite
// refuses that at once (SQLITE_BUSY_SNAPSHOT, no busy wait), which the API would answer as 503. The
// local client starts every transaction with BEGIN IMMEDIATE (serial-client.ts), so the other
// process is the one that waits for the lock, as it waits for any writer's.
import Database from "libsql";
import { afterAll, beforeAll, expect, it } from "vitest";

const file = process.env.DATABASE_URL!.replace(/^file:/, "");
let other: InstanceType<typeof Database>;

beforeAll(() => {
  // WAL, as scripts/run.ts sets it: set before the app's own connection opens (below).
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.close();
  // Another process's connection; it gives up at once where a real one would wait its busy timeout.
  other = new Database(file, { timeout: 0 });
  other.exec("CREATE TABLE IF NOT EXISTS cross_process (n INTEGER)");
});
afterAll(() => other.close());

it("a transaction that reads and then writes commits while another process writes", async () => {
  const { prisma } = await import("@/lib/server/db/client");
  const writeFromOther = () => {
    try {
      other.exec("INSERT INTO cross_process VALUES (1)");
      return "written";
    } catch (error) {
      return String((error as { code?: string }).code);
    }
  };
  let otherDuringTransaction = "";
  await prisma.$transaction(async (tx) => {
    await tx.user.count(); // reads first: with BEGIN DEFERRED this would be its snapshot
    otherDuringTransaction = writeFromOther();
    await tx.user.updateMany({ where: { id: "nobody" }, data: { name: "x" } });
  });
  // The transaction held the write lock from its start: the other process had to wait for it.
  expect(otherDuringTransaction).toMatch(/BUSY/);
  expect(writeFromOther()).toBe("written");
});
