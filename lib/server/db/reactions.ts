import "server-only";
import { REACTION_EMOJI_SHOWN, REACTION_USERS_SHOWN } from "@/lib/core/validations/limits";
import type { ReactionSummary } from "@/lib/core/types";
import { prisma, type Tx } from "./client";

type CountRow = { seq: number | bigint; emoji: string; count: number | bigint };
type UserRow = { seq: number | bigint; emoji: string; id: string; username: string; name: string };

/**
 * The reactions on some messages as one viewer sees them: per message its first emoji (by first
 * reaction, at most REACTION_EMOJI_SHOWN), each with its count (kept in ReactionCount), its first
 * people (at most REACTION_USERS_SHOWN) and whether the viewer is one of them all. Three statements
 * whatever the group's size: each reads a bounded index range per message or per emoji, never one
 * row per person who reacted.
 */
export async function reactionsFor(conversationId: string, seqs: number[], viewerId: string) {
  const out = new Map<number, ReactionSummary[]>();
  if (seqs.length === 0) return out;
  const counts = await prisma.$queryRaw<CountRow[]>`
    SELECT rc."seq", rc."emoji", rc."count" FROM json_each(${JSON.stringify(seqs)}) AS s
    JOIN "ReactionCount" rc ON rc.rowid IN (
      SELECT x.rowid FROM "ReactionCount" x
      WHERE x."conversationId" = ${conversationId} AND x."seq" = s.value
      ORDER BY x."firstAt" LIMIT ${REACTION_EMOJI_SHOWN})
    ORDER BY rc."seq", rc."firstAt"`;
  if (counts.length === 0) return out;
  const pairs = counts.map((c) => [Number(c.seq), c.emoji]);
  const [people, mine] = await Promise.all([
    prisma.$queryRaw<UserRow[]>`
      SELECT r."seq", r."emoji", u."id", u."username", u."name" FROM json_each(${JSON.stringify(pairs)}) AS p
      JOIN "Reaction" r ON r.rowid IN (
        SELECT x.rowid FROM "Reaction" x
        WHERE x."conversationId" = ${conversationId}
          AND x."seq" = json_extract(p.value, '$[0]') AND x."emoji" = json_extract(p.value, '$[1]')
        ORDER BY x."createdAt" LIMIT ${REACTION_USERS_SHOWN})
      JOIN "User" u ON u."id" = r."userId"
      ORDER BY r."createdAt"`,
    prisma.reaction.findMany({
      where: {
        conversationId,
        userId: viewerId,
        seq: { in: [...new Set(pairs.map(([seq]) => seq as number))] },
      },
      select: { seq: true, emoji: true },
    }),
  ]);
  const key = (seq: number | bigint, emoji: string) => `${Number(seq)}\u0000${emoji}`;
  const mineKeys = new Set(mine.map((r) => key(r.seq, r.emoji)));
  const summaries = new Map<string, ReactionSummary>();
  for (const c of counts) {
    const summary: ReactionSummary = {
      emoji: c.emoji,
      count: Number(c.count),
      users: [],
      me: mineKeys.has(key(c.seq, c.emoji)),
    };
    summaries.set(key(c.seq, c.emoji), summary);
    const list = out.get(Number(c.seq)) ?? [];
    list.push(summary);
    out.set(Number(c.seq), list);
  }
  for (const p of people) {
    summaries.get(key(p.seq, p.emoji))?.users.push({ id: p.id, username: p.username, name: p.name });
  }
  return out;
}

/** One person's reactions on one message (to cap how many different emoji they put there). */
export function countOwnReactions(tx: Tx, conversationId: string, seq: number, userId: string) {
  return tx.reaction.count({ where: { conversationId, seq, userId } });
}

/** Whether one person has this reaction on this message now. */
export async function hasReaction(
  tx: Tx,
  input: { conversationId: string; seq: number; userId: string; emoji: string },
): Promise<boolean> {
  const found = await tx.reaction.findUnique({
    where: {
      conversationId_seq_emoji_userId: {
        conversationId: input.conversationId,
        seq: input.seq,
        emoji: input.emoji,
        userId: input.userId,
      },
    },
    select: { seq: true },
  });
  return found !== null;
}

/**
 * Adds (true if it wasn't there) or removes (true if it was) one person's reaction, and keeps the
 * emoji's count with it in the same transaction.
 */
export async function setReaction(
  tx: Tx,
  input: { conversationId: string; seq: number; userId: string; emoji: string; on: boolean },
): Promise<boolean> {
  const { conversationId, seq, userId, emoji } = input;
  if (input.on) {
    const now = new Date();
    const added = await tx.$executeRaw`
      INSERT OR IGNORE INTO "Reaction" ("conversationId", "seq", "userId", "emoji", "createdAt")
      VALUES (${conversationId}, ${seq}, ${userId}, ${emoji}, ${now})`;
    if (added === 0) return false;
    await tx.$executeRaw`
      INSERT INTO "ReactionCount" ("conversationId", "seq", "emoji", "count", "firstAt")
      VALUES (${conversationId}, ${seq}, ${emoji}, 1, ${now})
      ON CONFLICT ("conversationId", "seq", "emoji") DO UPDATE SET "count" = "count" + 1`;
    return true;
  }
  const removed = await tx.reaction.deleteMany({ where: { conversationId, seq, userId, emoji } });
  if (removed.count === 0) return false;
  const where = { conversationId_seq_emoji: { conversationId, seq, emoji } };
  const left = await tx.reactionCount.update({
    where,
    data: { count: { decrement: 1 } },
    select: { count: true },
  });
  if (left.count <= 0) await tx.reactionCount.delete({ where });
  return true;
}

/** A message deleted for everyone: its reactions go, and their counts. */
export async function deleteReactionsOf(tx: Tx, conversationId: string, seq: number) {
  await tx.reaction.deleteMany({ where: { conversationId, seq } });
  await tx.reactionCount.deleteMany({ where: { conversationId, seq } });
}
