import "server-only";
import { REACTION_USERS_SHOWN } from "@/lib/core/validations/limits";
import type { ReactionSummary } from "@/lib/core/types";
import { prisma, type Tx } from "./client";
import { publicUserSelect } from "./users";

/**
 * The reactions on some messages, per seq and emoji: counts, and the first people by when they
 * reacted. One primary-key range per message (bounded by a page's messages).
 */
export async function reactionsFor(conversationId: string, seqs: number[]) {
  const out = new Map<number, ReactionSummary[]>();
  if (seqs.length === 0) return out;
  const rows = await prisma.reaction.findMany({
    where: { conversationId, seq: { in: seqs } },
    select: { seq: true, emoji: true, user: { select: publicUserSelect } },
    orderBy: { createdAt: "asc" },
  });
  for (const r of rows) {
    const list = out.get(r.seq) ?? [];
    let summary = list.find((s) => s.emoji === r.emoji);
    if (!summary) {
      summary = { emoji: r.emoji, count: 0, users: [] };
      list.push(summary);
    }
    summary.count++;
    if (summary.users.length < REACTION_USERS_SHOWN) summary.users.push(r.user);
    out.set(r.seq, list);
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

/** Adds (true if it wasn't there) or removes (true if it was) one person's reaction. */
export async function setReaction(
  tx: Tx,
  input: { conversationId: string; seq: number; userId: string; emoji: string; on: boolean },
): Promise<boolean> {
  const { conversationId, seq, userId, emoji } = input;
  if (input.on) {
    const added = await tx.$executeRaw`
      INSERT OR IGNORE INTO "Reaction" ("conversationId", "seq", "userId", "emoji", "createdAt")
      VALUES (${conversationId}, ${seq}, ${userId}, ${emoji}, ${new Date()})`;
    return added > 0;
  }
  const removed = await tx.reaction.deleteMany({ where: { conversationId, seq, userId, emoji } });
  return removed.count > 0;
}
