// Writes a planned world (world.ts) straight into a migrated SQLite database: the plan goes into
// temporary tables, then one INSERT … SELECT per table (tables.ts) makes the rows inside SQLite.
// A million messages with their receipt marks take well under a minute, against hours through
// the API. One connection (libsql, the driver under @libsql/client), so the temporary tables live
// as long as the seeding does.
import { hash } from "@node-rs/argon2";
import Database from "libsql";
import { BULK_TABLES, TABLES, type TableFill } from "./tables";
import type { WorldPlan } from "./world";

/** Every seeded user's password. */
export const SEED_PASSWORD = "scale-bench-password";
/** lib/server/auth/password.ts's options (the bench may not import lib/server): sign-in costs the same. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type SeedOptions = {
  /**
   * A private file nobody else has open: no journal, no fsync and an exclusive lock while seeding
   * (a crash leaves a file to throw away, which the cache never keeps). Otherwise only fsync is off.
   */
  privateFile: boolean;
  /** Also check every foreign key afterwards (seconds on a million rows). */
  checkForeignKeys?: boolean;
};

export type SeedReport = { ms: number; rows: Record<string, number> };

type Db = InstanceType<typeof Database>;
type ColumnInfo = { name: string; notnull: number; dflt_value: string | null; pk: number };

/** `file:./x.db` or a plain path → the path libsql opens. */
export function databasePath(urlOrPath: string): string {
  return urlOrPath.startsWith("file:") ? urlOrPath.slice("file:".length) : urlOrPath;
}

export async function seedWorld(file: string, plan: WorldPlan, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const passwordHash = await hash(SEED_PASSWORD, ARGON2);
  const db = new Database(databasePath(file));
  try {
    if (options.privateFile) {
      db.exec("PRAGMA journal_mode = OFF; PRAGMA locking_mode = EXCLUSIVE;");
    }
    db.exec(
      "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144;",
    );
    const rows: Record<string, number> = {};
    db.transaction(() => {
      writePlan(db, plan, passwordHash);
      const indexes = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => "?").join(", ")})`,
        )
        .all(...BULK_TABLES) as { name: string; sql: string }[];
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      for (const fill of TABLES) rows[fill.table] = fillTable(db, fill);
      for (const index of indexes) db.exec(index.sql);
    })();
    if (options.checkForeignKeys) {
      const broken = db.prepare("PRAGMA foreign_key_check").all();
      if (broken.length > 0)
        throw new Error(`seeded rows break foreign keys: ${JSON.stringify(broken.slice(0, 5))}`);
    }
    if (options.privateFile) db.exec("PRAGMA journal_mode = DELETE;");
    return { ms: Math.round(performance.now() - started), rows };
  } finally {
    db.close();
  }
}

function writePlan(db: Db, plan: WorldPlan, passwordHash: string) {
  db.exec(`
    DROP TABLE IF EXISTS temp._seed_const; DROP TABLE IF EXISTS temp._seed_user;
    DROP TABLE IF EXISTS temp._seed_conv; DROP TABLE IF EXISTS temp._seed_member;
    DROP TABLE IF EXISTS temp._seed_sender;
    CREATE TEMP TABLE _seed_const (passwordHash TEXT NOT NULL);
    CREATE TEMP TABLE _seed_user (k INTEGER PRIMARY KEY, id TEXT, username TEXT, name TEXT, createdMs INTEGER);
    CREATE TEMP TABLE _seed_conv (
      k INTEGER PRIMARY KEY, id TEXT, kind TEXT, title TEXT, key TEXT, history INTEGER, burst INTEGER,
      active INTEGER, lag INTEGER, members INTEGER, messagePrefix TEXT, endMs INTEGER, stepMs INTEGER,
      createdMs INTEGER);
    CREATE TEMP TABLE _seed_member (
      convK INTEGER, userK INTEGER, userId TEXT, joinedSeq INTEGER, deliveredSeq INTEGER, readSeq INTEGER,
      active INTEGER, PRIMARY KEY (convK, userK));
    CREATE TEMP TABLE _seed_sender (convK INTEGER, idx INTEGER, userId TEXT, PRIMARY KEY (convK, idx));
  `);
  db.prepare("INSERT INTO _seed_const VALUES (?)").run(passwordHash);
  const user = db.prepare("INSERT INTO _seed_user VALUES (?, ?, ?, ?, ?)");
  for (const u of plan.users) user.run(u.k, u.id, u.username, u.name, u.createdMs);
  const conv = db.prepare("INSERT INTO _seed_conv VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const sender = db.prepare("INSERT INTO _seed_sender VALUES (?, ?, ?)");
  for (const c of plan.conversations) {
    conv.run(
      c.k,
      c.id,
      c.kind,
      c.title,
      c.key,
      c.history,
      c.burst,
      c.active,
      c.lag,
      c.memberKs.length,
      c.messagePrefix,
      c.endMs,
      c.stepMs,
      c.createdMs,
    );
    c.memberKs.slice(0, c.active).forEach((userK, idx) => sender.run(c.k, idx, plan.users[userK]!.id));
  }
  const member = db.prepare("INSERT INTO _seed_member VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const m of plan.members) {
    member.run(
      m.convK,
      m.userK,
      plan.users[m.userK]!.id,
      m.joinedSeq,
      m.deliveredSeq,
      m.readSeq,
      m.active ? 1 : 0,
    );
  }
}

/** One INSERT … SELECT with the columns the table has; returns the rows written. */
function fillTable(db: Db, fill: TableFill): number {
  const info = db.prepare(`PRAGMA table_info("${fill.table}")`).all() as ColumnInfo[];
  if (info.length === 0) throw new Error(`seeder: no table ${fill.table} (is the database migrated?)`);
  const missing = info.filter(
    (c) => !(c.name in fill.columns) && c.notnull === 1 && c.dflt_value === null && c.pk === 0,
  );
  if (missing.length > 0) {
    throw new Error(
      `seeder: ${missing.map((c) => `${fill.table}.${c.name}`).join(", ")} NOT NULL without a default: ` +
        "give it a value in bench/lib/seed/tables.ts",
    );
  }
  const columns = info.filter((c) => c.name in fill.columns).map((c) => c.name);
  const sql =
    `INSERT${fill.orIgnore ? " OR IGNORE" : ""} INTO "${fill.table}" (${columns.map((c) => `"${c}"`).join(", ")}) ` +
    `SELECT ${columns.map((c) => fill.columns[c]).join(", ")} FROM ${fill.from}`;
  return db.prepare(sql).run().changes;
}
