// The WAL checkpointer (lib/server/db/checkpointer.ts): a worker thread, not the committing
// connection, copies the log into the database file. Its own file here: a writer that never
// checkpoints (wal_autocheckpoint=0) leaves the database file at its first pages, so the file
// growing can only be the worker's doing.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "libsql";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { startCheckpointer, type Checkpointer } from "@/lib/server/db/checkpointer";

const dir = mkdtempSync(path.join(tmpdir(), "ticks-checkpoint-"));
let running: Checkpointer | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writerOn(file: string) {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (x BLOB)");
  return db;
}

describe("the WAL checkpointer", () => {
  it("copies committed pages into the database file while the writer goes on", async () => {
    const file = path.join(dir, "a.db");
    const db = writerOn(file);
    const insert = db.prepare("INSERT INTO t VALUES (randomblob(4000))");
    for (let i = 0; i < 250; i++) insert.run(); // ≈ 1 MB, one commit each
    const before = statSync(file).size;
    expect(before).toBeLessThan(64 * 1024); // all of it still in the log

    const errors: Error[] = [];
    running = startCheckpointer(file, (error) => errors.push(error));
    for (let i = 0; i < 50; i++) insert.run(); // writes go on meanwhile, never blocked
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(1_000_000), { timeout: 20_000 });
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toMatchObject({ n: 300 });
    expect(errors).toEqual([]);
    db.close();
  });

  it("says so when it can't run", async () => {
    const errors: Error[] = [];
    running = startCheckpointer(path.join(dir, "missing", "b.db"), (error) => errors.push(error));
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 20_000 });
  });
});
