import "server-only";
import { prisma } from "./client";

/** The only user fields that ever leave the server (never passwordHash). */
export const publicUserSelect = { id: true, username: true, name: true } as const;

export type PublicUser = { id: string; username: string; name: string };

export function findUserForSignIn(username: string) {
  return prisma.user.findUnique({
    where: { username },
    select: { ...publicUserSelect, passwordHash: true },
  });
}

export function findUser(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: { ...publicUserSelect, shareReadReceipts: true },
  });
}

export function findUsersByIds(ids: string[]) {
  return prisma.user.findMany({
    where: { id: { in: ids } },
    select: { ...publicUserSelect, shareReadReceipts: true },
  });
}

/**
 * Users whose username or name contains `q`, case-insensitively and literally: Prisma's
 * `contains` is SQL LIKE on SQLite, where `_` (allowed in usernames) and `%` are wildcards.
 */
export function searchUsers({ q, excludeId, take }: { q: string; excludeId: string; take: number }) {
  return prisma.$queryRaw<PublicUser[]>`
    SELECT "id", "username", "name" FROM "User"
    WHERE "id" <> ${excludeId}
      AND (${q} = '' OR instr(lower("username"), lower(${q})) > 0 OR instr(lower("name"), lower(${q})) > 0)
    ORDER BY "username" ASC
    LIMIT ${take}`;
}

export function updateUser(id: string, data: { name?: string; shareReadReceipts?: boolean }) {
  return prisma.user.update({
    where: { id },
    data,
    select: { ...publicUserSelect, shareReadReceipts: true },
  });
}

/**
 * Sets whether a user shares read receipts; true only if this call changed it. Conditional on the
 * old value, so of two racing toggles each one that flips it knows, and announces, its change.
 */
export async function setShareReadReceipts(id: string, value: boolean): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id, shareReadReceipts: !value },
    data: { shareReadReceipts: value },
  });
  return count === 1;
}
