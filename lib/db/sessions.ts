import "server-only";
import { prisma } from "./client";

export async function revokeSession(sid: string, expiresAt: Date) {
  await prisma.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Opportunistic cleanup: an expired JWT is refused by its signature check anyway.
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return (await prisma.revokedSession.count({ where: { sid } })) > 0;
}
