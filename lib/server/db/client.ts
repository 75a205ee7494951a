import "server-only";
import { createClient, type Client } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { BACKSTOP_PAGES, startCheckpointer, type Checkpointer } from "./checkpointer";
import { PrismaClient } from "./generated/client";
import { LocalStatements } from "./local-statements";
import { exclusively, SerialClient } from "./serial-client";

const globalForDb = globalThis as unknown as {
  prisma?: PrismaClient;
  libsql?: Client;
  local?: LocalStatements | null;
  checkpointer?: Checkpointer | null;
};

/**
 * The process's libSQL client, which Prisma's adapter runs on; on Turso the hot paths' own
 * statements (sql.ts) go through it too (locally they have a connection of their own,
 * localStatements()). Renewed when a reset closed it.
 */
export function libsql(): Client {
  const current = globalForDb.libsql;
  if (current && !current.closed) return current;
  return (globalForDb.libsql = openClient());
}

function openClient(): Client {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = env();
  // The bounded retry on a locked database: SQLite's busy handler lets a second process (seed,
  // migrate, another worker) wait this long for the write lock; past it the write fails whole
  // (its transaction rolls back) and the API answers 503 with Retry-After.
  const config = { url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN, timeout: DATABASE_BUSY_TIMEOUT_MS };
  // Turso (libsql://) has its own durability and its locks wait on the server: left alone.
  if (!DATABASE_URL.startsWith("file:")) return createClient(config);
  // A local file: one connection, one operation at a time (SerialClient says why).
  const client = new SerialClient(createClient({ ...config, concurrency: 1 }));
  // Each setting is per connection and can't be given inside a transaction: queued first, they run
  // before anything else on the client's one connection (tests/integration/db-settings.test.ts).
  for (const pragma of localPragmas())
    client.execute(pragma).catch((error: unknown) => {
      // Only speed is at stake: on failure the connection keeps SQLite's default.
      log("warn", `database: ${pragma} not applied`, { error: String(error) });
    });
  return client;
}

/**
 * The settings of every connection to the local file (Prisma's and LocalStatements'). The journal
 * is WAL (set by scripts/run.ts); commits run with synchronous=NORMAL: a commit no longer waits
 * for an fsync of the log (measured 2.5 ms per commit on these disks), and a crash of the app
 * still loses nothing committed; only a power cut or OS crash can take back the last moments'
 * commits — the same trade Rails 8 makes for its SQLite default. With the process's checkpointer
 * running (checkpointer.ts), a commit checkpoints only past its backstop.
 */
function localPragmas(): string[] {
  const pragmas = ["PRAGMA synchronous = NORMAL"];
  if (checkpointer()) pragmas.push(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return pragmas;
}

/**
 * The process's WAL checkpointer, started on first use in production on a local file (tests and
 * `next dev` keep SQLite's own checkpoints); null when there is none.
 */
function checkpointer(): Checkpointer | null {
  if (globalForDb.checkpointer === undefined) {
    const { DATABASE_URL, NODE_ENV } = env();
    globalForDb.checkpointer = null;
    if (NODE_ENV === "production" && DATABASE_URL.startsWith("file:")) {
      try {
        globalForDb.checkpointer = startCheckpointer(filePath(DATABASE_URL), (error) =>
          log("warn", "database: the checkpointer stopped; commits checkpoint past the backstop", {
            error: String(error),
          }),
        );
      } catch (error) {
        log("warn", "database: no checkpointer; commits checkpoint as SQLite does", { error: String(error) });
      }
    }
  }
  return globalForDb.checkpointer;
}

/**
 * The local file's connection for sql.ts, keeping its prepared statements; null for a remote
 * database (Turso), where sql.ts uses libsql().
 */
export function localStatements(): LocalStatements | null {
  if (globalForDb.local === undefined) {
    const { DATABASE_URL, DATABASE_BUSY_TIMEOUT_MS } = env();
    globalForDb.local = DATABASE_URL.startsWith("file:")
      ? new LocalStatements(filePath(DATABASE_URL), DATABASE_BUSY_TIMEOUT_MS, localPragmas())
      : null;
  }
  return globalForDb.local;
}

/** The path in a file: URL (file:relative/path, file:/absolute, file:///absolute), as libSQL reads it. */
function filePath(url: string) {
  return decodeURIComponent(url.replace(/^file:(\/\/(localhost)?(?=\/))?/, "").replace(/\?.*$/, ""));
}

/** Prisma's libSQL adapter on the shared client; its connect() after a reset takes the new one. */
class SharedLibSQL extends PrismaLibSQL {
  override createClient(): Client {
    return libsql();
  }
}

function createPrisma() {
  // The adapter wants a config, but its client comes from libsql() (the same settings).
  return new PrismaClient({ adapter: new SharedLibSQL({ url: env().DATABASE_URL }) });
}

// One client per process, in production too: the App Router's server code and the Pages API routes
// (pages/api) each load their own copy of this module, and a second client would keep its adapter
// on a libSQL client that the other's resetConnections() closed (and dev hot reloads would open a
// new one per edit).
export const prisma = (globalForDb.prisma ??= createPrisma());

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Drops the connection; the next query opens a fresh one. Called after SQLITE_BUSY: a write that
 * failed on a locked database can leave its statement unfinished on the connection, which then
 * refuses to commit the next transaction it serves ("SQL statements in progress").
 */
export async function resetConnections() {
  await prisma.$disconnect().catch(() => {});
  globalForDb.libsql?.close();
  await exclusively(() => globalForDb.local?.close());
}
