// Seeded databases, kept under .tmp/scale-seeds/ and reused: the key is the world's spec, the
// seeder's version and the migrations' text, so a schema change or a new seeder reseeds by itself
// and a stale file is never used. Each run works on a copy (sends and acks write to it).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { seedWorld, type SeedReport } from "./seed";
import { SEEDER_VERSION } from "./tables";
import { planWorld, type WorldPlan, type WorldSpec } from "./world";

const DIR = ".tmp/scale-seeds";
const MIGRATIONS = "prisma/migrations";
/** A cached file unused this long is deleted (a 1M-message world is 660 MB). */
const UNUSED_MS = 14 * 86_400_000;

export type PreparedWorld = {
  plan: WorldPlan;
  /** The copy to run against. */
  file: string;
  /** How the cached file came to be: seeded now (with its report) or reused. */
  seeded: (SeedReport & { migrateMs: number }) | null;
  bytes: number;
};

/** Migrations and seeder together: what the rows of a seeded file depend on besides the spec. */
function schemaKey(): string {
  const h = createHash("sha256").update(`seeder ${SEEDER_VERSION}\n`);
  for (const dir of readdirSync(MIGRATIONS).sort()) {
    const sql = path.join(MIGRATIONS, dir, "migration.sql");
    if (existsSync(sql)) h.update(dir).update(readFileSync(sql));
  }
  return h.digest("hex").slice(0, 12);
}

const specKey = (spec: WorldSpec) =>
  createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 12);

/** The migrations, applied as the app applies them (`prisma migrate deploy`). */
export function migrate(file: string): number {
  const started = performance.now();
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.resolve(file)}` },
    stdio: "pipe",
  });
  return Math.round(performance.now() - started);
}

export async function prepareWorld(spec: WorldSpec, copyTo: string): Promise<PreparedWorld> {
  mkdirSync(DIR, { recursive: true });
  const schema = schemaKey();
  // Files for another schema or seeder can never be used again; others go when unused for a while.
  for (const name of readdirSync(DIR)) {
    const file = path.join(DIR, name);
    if (!name.startsWith(schema) || Date.now() - statSync(file).mtimeMs > UNUSED_MS)
      rmSync(file, { force: true });
  }
  const cached = path.join(DIR, `${schema}-${specKey(spec)}.db`);
  const plan = planWorld(spec);
  let seeded: PreparedWorld["seeded"] = null;
  if (!existsSync(cached)) {
    const partial = `${cached}.partial`;
    rmSync(partial, { force: true });
    const migrateMs = migrate(partial);
    const report = await seedWorld(partial, plan, { privateFile: true });
    renameSync(partial, cached);
    seeded = { ...report, migrateMs };
  }
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(copyTo + suffix, { force: true });
  copyFileSync(cached, copyTo);
  const now = new Date();
  utimesSync(cached, now, now); // in use: kept another UNUSED_MS
  return { plan, file: copyTo, seeded, bytes: statSync(copyTo).size };
}
