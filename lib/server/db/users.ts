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
    select: { ...publicUserSelect, shareReadReceipts: true, shareLastSeen: true },
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

export function updateUser(
  id: string,
  data: { name?: string; shareReadReceipts?: boolean; shareLastSeen?: boolean },
) {
  return prisma.user.update({
    where: { id },
    data,
    select: { ...publicUserSelect, shareReadReceipts: true, shareLastSeen: true },
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

/**
 * The people a user shares direct chats with, most recent activity first, at most `take`: the
 * user's memberships (index on userId), the direct ones' other member (primary key).
 */
export async function directPeerIds(userId: string, take: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT om."userId" AS "id"
    FROM "Member" m
    JOIN "Conversation" c ON c."id" = m."conversationId" AND c."kind" = 'direct'
    JOIN "Member" om ON om."conversationId" = c."id" AND om."userId" <> m."userId"
    WHERE m."userId" = ${userId}
    ORDER BY c."updatedAt" DESC
    LIMIT ${take}`;
  return rows.map((r) => r.id);
}

/**
 * Records when users were last online. Only forwards: a webhook retried late, or batches racing,
 * never take a time back. One primary-key update per user.
 */
export async function recordLastSeen(entries: { userId: string; at: Date }[]): Promise<number> {
  if (entries.length === 0) return 0;
  const counts = await prisma.$transaction(
    entries.map(({ userId, at }) =>
      prisma.user.updateMany({
        where: { id: userId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: at } }] },
        data: { lastSeenAt: at },
      }),
    ),
  );
  return counts.reduce((sum, c) => sum + c.count, 0);
}

/** Both people's last-seen privacy and the peer's last seen: one primary-key read of two rows. */
export function lastSeenPair(viewerId: string, peerId: string) {
  return prisma.user.findMany({
    where: { id: { in: [viewerId, peerId] } },
    select: { id: true, shareLastSeen: true, lastSeenAt: true },
  });
}
