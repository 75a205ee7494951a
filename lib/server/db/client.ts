import "server-only";
import type { Client, Config } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { PrismaClient } from "./generated/client";

/**
 * A local SQLite file (the journal is WAL, set by scripts/run.ts) commits with synchronous=NORMAL:
 * a commit no longer waits for an fsync of the log (measured 2.5 ms per commit on these disks, two
 * or three commits per send), and a crash of the app still loses nothing committed; only a power
 * cut or OS crash can take back the last moments' commits. The same trade Rails 8 makes for its
 * SQLite default. Turso (libsql://) has its own durability and is left alone.
 *
 * The setting is per connection and can't be given inside a transaction, so it is applied to the
 * connection the client opens at once. That connection is the only one it ever uses: the adapter
 * runs one query or transaction at a time, so the pool always hands back the idle connection
 * (tests/integration/db-settings.test.ts checks it after transactions).
 */
class LocalTunedLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    // execute() borrows the connection synchronously, before any other query can ask for one.
    if (config.url.startsWith("file:")) {
      // Only speed is at stake: on failure the connection keeps SQLite's safer default.
      client.execute("PRAGMA synchronous = NORMAL").catch((error: unknown) => {
        log("warn", "database: synchronous=NORMAL not applied", { error: String(error) });
      });
    }
    return client;
  }
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = env();
  // The bounded retry on a locked database: SQLite's busy handler lets a second process (seed,
  // migrate, another worker) wait this long for the write lock; past it the write fails whole
  // (its transaction rolls back) and the API answers 503 with Retry-After. Within this process
  // the adapter already serialises transactions.
  const adapter = new LocalTunedLibSQL({
    url: DATABASE_URL,
    authToken: DATABASE_AUTH_TOKEN,
    timeout: DATABASE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

// One client per process; dev hot reloads would otherwise open a new one per edit.
export const prisma = globalForPrisma.prisma ?? createClient();
if (env().NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Drops every pooled connection; the next query opens fresh ones. Called after SQLITE_BUSY: a
 * write that failed on a locked database can leave its statement unfinished on the connection,
 * which then refuses to commit the next transaction it serves ("SQL statements in progress").
 */
export async function resetConnections() {
  await prisma.$disconnect().catch(() => {});
}
