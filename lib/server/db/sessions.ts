import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { query } from "./sql";

export async function revokeSession(sid: string, expiresAt: Date) {
  await prisma.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Opportunistic cleanup: an expired JWT is refused by its signature check anyway.
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** Runs on every authenticated request: a plain indexed lookup, past Prisma (sql.ts). */
export async function isSessionRevoked(sid: string): Promise<boolean> {
  const rows = await query<unknown>(Prisma.sql`
    SELECT 1 FROM "RevokedSession" WHERE "sid" = ${sid} LIMIT 1`);
  return rows.length > 0;
}
