import "server-only";
import { advanceWatermarks, type Ack, type Advance } from "@/lib/core/watermarks";
import { AppError } from "@/lib/server/errors";
import { Prisma } from "./generated/client";
import { prisma } from "./client";

// Each lost compare-and-set means another ack moved the watermark first, so the loop always makes
// progress; the bound only guards against a pathological storm.
const MAX_ATTEMPTS = 50;

/** What an ack's caller learns besides the watermarks: enough to announce the move. */
type AckContext = { lastSeq: number; kind: string; shares: boolean };

/**
 * Moves a member's watermarks: read and conditional update in one transaction, the update
 * applying only to the row as read (compare-and-set), so acks racing from several tabs or server
 * instances can never move a watermark backwards. Null when the user is not a member: the read is
 * the operation's membership check.
 */
export async function advanceMemberWatermarks(input: {
  conversationId: string;
  userId: string;
  ack: Ack;
}): Promise<(Advance & AckContext) | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const result = await tryAdvance(input);
    if (result === "not a member") return null;
    if (result) return result;
  }
  throw new AppError("unavailable", "Too many concurrent acknowledgements, try again");
}

function tryAdvance(input: { conversationId: string; userId: string; ack: Ack }) {
  return prisma.$transaction(async (tx) => {
    // One JOIN, not a query per relation: this runs for every ack.
    const [row] = await tx.$queryRaw<
      { deliveredSeq: number; readSeq: number; lastSeq: number; kind: string; shares: unknown }[]
    >`
      SELECT m."deliveredSeq", m."readSeq", c."lastSeq", c."kind", u."shareReadReceipts" AS "shares"
      FROM "Member" m
      JOIN "Conversation" c ON c."id" = m."conversationId"
      JOIN "User" u ON u."id" = m."userId"
      WHERE m."conversationId" = ${input.conversationId} AND m."userId" = ${input.userId}`;
    if (!row) return "not a member" as const;
    const current = { deliveredSeq: Number(row.deliveredSeq), readSeq: Number(row.readSeq) };
    const context = { lastSeq: Number(row.lastSeq), kind: row.kind, shares: Boolean(row.shares) };
    const next = advanceWatermarks(current, input.ack, context.lastSeq);
    if (!next.changed) return { ...next, ...context };
    const now = new Date();
    // Plain statements: this runs for every ack, and the ORM's per-query cost was most of it.
    const count = await tx.$executeRaw`
      UPDATE "Member"
      SET "deliveredSeq" = ${next.deliveredSeq}, "readSeq" = ${next.readSeq},
          "deliveredAt" = CASE WHEN ${next.deliveredMoved} THEN ${now} ELSE "deliveredAt" END,
          "readAt" = CASE WHEN ${next.readMoved} THEN ${now} ELSE "readAt" END
      WHERE "conversationId" = ${input.conversationId} AND "userId" = ${input.userId}
        AND "deliveredSeq" = ${current.deliveredSeq} AND "readSeq" = ${current.readSeq}`;
    if (count !== 1) return null;
    const marks = marksFor({ conversationId: input.conversationId, userId: input.userId }, next, now);
    if (marks.length === 0) return { ...next, ...context };
    await tx.$executeRaw`
      INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
      VALUES ${Prisma.join(marks.map((m) => Prisma.sql`(${m.conversationId}, ${m.userId}, ${m.kind}, ${m.seq}, ${m.at})`))}`;
    return { ...next, ...context };
  });
}

/** The history rows for a watermark move: one per watermark that moved. */
export function marksFor(
  who: { conversationId: string; userId: string },
  moved: { deliveredSeq: number; readSeq: number; deliveredMoved: boolean; readMoved: boolean },
  at: Date,
) {
  const marks = [];
  if (moved.deliveredMoved) marks.push({ ...who, kind: "delivered", seq: moved.deliveredSeq, at });
  if (moved.readMoved) marks.push({ ...who, kind: "read", seq: moved.readSeq, at });
  return marks;
}

/** For each member, when their delivered and read watermarks first reached `seq`. */
export async function firstMarksReaching(conversationId: string, seq: number) {
  const rows = await prisma.receiptMark.groupBy({
    by: ["userId", "kind"],
    where: { conversationId, seq: { gte: seq } },
    _min: { at: true },
  });
  const times = new Map<string, { deliveredAt: Date | null; readAt: Date | null }>();
  for (const row of rows) {
    const t = times.get(row.userId) ?? { deliveredAt: null, readAt: null };
    if (row.kind === "delivered") t.deliveredAt = row._min.at;
    else t.readAt = row._min.at;
    times.set(row.userId, t);
  }
  return times;
}
