import "server-only";
import { advanceWatermarks, type Ack, type Advance } from "@/lib/core/watermarks";
import { AppError } from "@/lib/server/errors";
import { Prisma } from "./generated/client";
import { prisma } from "./client";

// Each lost compare-and-set means another ack moved the watermark first, so the loop always makes
// progress; the bound only guards against a pathological storm.
const MAX_ATTEMPTS = 50;

/**
 * Moves a member's watermarks: read and conditional update in one transaction, the update
 * applying only to the row as read (compare-and-set), so acks racing from several tabs or server
 * instances can never move a watermark backwards.
 */
export async function advanceMemberWatermarks(input: {
  conversationId: string;
  userId: string;
  ack: Ack;
}): Promise<Advance & { lastSeq: number }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const result = await tryAdvance(input);
    if (result) return result;
  }
  throw new AppError("unavailable", "Too many concurrent acknowledgements, try again");
}

function tryAdvance(input: { conversationId: string; userId: string; ack: Ack }) {
  return prisma.$transaction(async (tx) => {
    // One JOIN, not a query per relation: this runs for every ack.
    const [row] = await tx.$queryRaw<{ deliveredSeq: number; readSeq: number; lastSeq: number }[]>`
      SELECT m."deliveredSeq", m."readSeq", c."lastSeq"
      FROM "Member" m JOIN "Conversation" c ON c."id" = m."conversationId"
      WHERE m."conversationId" = ${input.conversationId} AND m."userId" = ${input.userId}`;
    if (!row) throw new AppError("forbidden", "You are not a member of this conversation");
    const current = { deliveredSeq: Number(row.deliveredSeq), readSeq: Number(row.readSeq) };
    const lastSeq = Number(row.lastSeq);
    const next = advanceWatermarks(current, input.ack, lastSeq);
    if (!next.changed) return { ...next, lastSeq };
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
    if (marks.length === 0) return { ...next, lastSeq };
    await tx.$executeRaw`
      INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
      VALUES ${Prisma.join(marks.map((m) => Prisma.sql`(${m.conversationId}, ${m.userId}, ${m.kind}, ${m.seq}, ${m.at})`))}`;
    return { ...next, lastSeq };
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
