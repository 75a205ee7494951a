import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = env();
  // The bounded retry on a locked database: SQLite's busy handler lets a second process (seed,
  // migrate, another worker) wait this long for the write lock; past it the write fails whole
  // (its transaction rolls back) and the API answers 503 with Retry-After. Within this process
  // the adapter already serialises transactions.
  const adapter = new PrismaLibSQL({
    url: DATABASE_URL,
    authToken: DATABASE_AUTH_TOKEN,
    timeout: DATABASE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

// One client per process; dev hot reloads would otherwise open a new one per edit.
export const prisma = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Drops every pooled connection; the next query opens fresh ones. Called after SQLITE_BUSY: a
 * write that failed on a locked database can leave its statement unfinished on the connection,
 * which then refuses to commit the next transaction it serves ("SQL statements in progress").
 */
export async function resetConnections() {
  await prisma.$disconnect().catch(() => {});
}
