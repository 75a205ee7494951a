import "server-only";
import { prisma } from "./client";

export async function revokeSession(sid: string, expiresAt: Date) {
  await prisma.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Opportunistic cleanup: an expired JWT is refused by its signature check anyway.
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** Runs on every authenticated request, so a plain indexed lookup rather than an ORM count. */
export async function isSessionRevoked(sid: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM "RevokedSession" WHERE "sid" = ${sid} LIMIT 1`;
  return rows.length > 0;
}
