import "server-only";
import { readPrivacy, type EditSeenGroup, type FormerWindow, type WatermarkGroup } from "@/lib/core/status";
import { advanceWatermarks, type Ack, type Advance } from "@/lib/core/watermarks";
import { AppError } from "@/lib/server/errors";
import { Prisma } from "./generated/client";
import { prisma } from "./client";
import { isoText, query, writeTransaction, type SqlTx } from "./sql";

// Each lost compare-and-set means another ack moved the watermark first, so the loop always makes
// progress; the bound only guards against a pathological storm.
const MAX_ATTEMPTS = 50;

/** One conversation's part of an ack, as it went. */
export type AckOutcome =
  | ({
      conversationId: string;
      kind: string;
      lastSeq: number;
      memberCount: number;
      /** Public read watermark before and after: the reads others may see moved if they differ. */
      publicRead: { from: number; to: number };
      /** Delivered watermark before (the move is from it to `deliveredSeq`). */
      deliveredFrom: number;
      /** Edit-seen watermark (a change seq) before and after: the edits others may see seen. */
      editSeen: { from: number; to: number };
    } & Advance)
  | { conversationId: string; notMember: true };

type Current = {
  deliveredSeq: number;
  readSeq: number;
  publicReadSeq: number;
  editSeenSeq: number;
  lastSeq: number;
  changeSeq: number;
  memberCount: number;
  kind: string;
  shares: boolean;
};

/**
 * Moves one user's watermarks in many conversations in one transaction. Per conversation: the read
 * of the member row (the membership check), the advance (monotonic, clamped, read implies
 * delivered), and a compare-and-set update, so acks racing from several tabs or server instances
 * never move a watermark backwards. One receipt-mark row per watermark that moved.
 */
export async function advanceMany(userId: string, entries: { conversationId: string; ack: Ack }[]) {
  // Past Prisma (sql.ts): every ack runs this.
  return writeTransaction(async (tx) => {
    const outcomes: AckOutcome[] = [];
    const marks: Prisma.Sql[] = [];
    const now = new Date();
    for (const { conversationId, ack } of entries) {
      const outcome = await advanceOne(tx, userId, conversationId, ack, now);
      outcomes.push(outcome);
      if ("notMember" in outcome) continue;
      if (outcome.deliveredMoved)
        marks.push(mark(conversationId, userId, "delivered", outcome.deliveredSeq, now));
      if (outcome.readMoved) marks.push(mark(conversationId, userId, "read", outcome.readSeq, now));
    }
    if (marks.length > 0) {
      await tx.execute(Prisma.sql`
        INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
        VALUES ${Prisma.join(marks)}`);
    }
    return outcomes;
  });
}

const mark = (conversationId: string, userId: string, kind: string, seq: number, at: Date) =>
  Prisma.sql`(${conversationId}, ${userId}, ${kind}, ${seq}, ${at})`;

async function advanceOne(tx: SqlTx, userId: string, conversationId: string, ack: Ack, now: Date) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readCurrent(tx, userId, conversationId);
    if (!current) return { conversationId, notMember: true as const };
    const next = advanceWatermarks(current, ack, current.lastSeq);
    const publicReadSeq = readPrivacy.publicReadSeq(current.publicReadSeq, next.readSeq, current.shares);
    // Seeing an edit is like reading: shared only while read receipts are (and never past the
    // conversation's latest change).
    const editSeenSeq = current.shares
      ? Math.max(current.editSeenSeq, Math.min(ack.editSeen ?? 0, current.changeSeq))
      : current.editSeenSeq;
    const editMoved = editSeenSeq !== current.editSeenSeq;
    const outcome: AckOutcome = {
      conversationId,
      kind: current.kind,
      lastSeq: current.lastSeq,
      memberCount: current.memberCount,
      publicRead: { from: current.publicReadSeq, to: publicReadSeq },
      deliveredFrom: current.deliveredSeq,
      editSeen: { from: current.editSeenSeq, to: editSeenSeq },
      ...next,
      changed: next.changed || editMoved,
    };
    if (!outcome.changed) return outcome;
    // A compare-and-set: the write lock taken at BEGIN already keeps other writers out, but the
    // update says itself what it assumes.
    const count = await tx.execute(Prisma.sql`
      UPDATE "Member"
      SET "deliveredSeq" = ${next.deliveredSeq}, "readSeq" = ${next.readSeq}, "publicReadSeq" = ${publicReadSeq},
          "editSeenSeq" = ${editSeenSeq},
          "deliveredAt" = CASE WHEN ${next.deliveredMoved} THEN ${now} ELSE "deliveredAt" END,
          "readAt" = CASE WHEN ${next.readMoved} THEN ${now} ELSE "readAt" END
      WHERE "conversationId" = ${conversationId} AND "userId" = ${userId}
        AND "deliveredSeq" = ${current.deliveredSeq} AND "readSeq" = ${current.readSeq}
        AND "editSeenSeq" = ${current.editSeenSeq}`);
    if (count === 1) return outcome;
  }
  throw new AppError("unavailable", "Too many concurrent acknowledgements, try again");
}

async function readCurrent(tx: SqlTx, userId: string, conversationId: string): Promise<Current | null> {
  // One JOIN, not a query per relation: this runs for every entry of every ack.
  const [row] = await tx.query<Omit<Current, "shares"> & { shares: unknown }>(Prisma.sql`
    SELECT m."deliveredSeq", m."readSeq", m."publicReadSeq", m."editSeenSeq", c."lastSeq", c."changeSeq",
           c."memberCount", c."kind",
           u."shareReadReceipts" AS "shares"
    FROM "Member" m
    JOIN "Conversation" c ON c."id" = m."conversationId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."conversationId" = ${conversationId} AND m."userId" = ${userId}`);
  if (!row) return null;
  return {
    deliveredSeq: Number(row.deliveredSeq),
    readSeq: Number(row.readSeq),
    publicReadSeq: Number(row.publicReadSeq),
    editSeenSeq: Number(row.editSeenSeq),
    lastSeq: Number(row.lastSeq),
    changeSeq: Number(row.changeSeq),
    memberCount: Number(row.memberCount),
    kind: row.kind,
    shares: Boolean(row.shares),
  };
}

/**
 * What counting a viewer's receipts of the messages `seqs` (the lowest `from`, the highest `to`)
 * needs, in ONE statement so the parts agree (a member joining in between would otherwise be
 * counted as a recipient but not as late): the conversation's member count, the viewer's read cap,
 * and the other members whose delivered watermark reached `from`, grouped by watermarks, and the
 * ended memberships whose window reaches `from`. A watermark counts the same for every message of
 * the range once it is past `to` (or, the read one, before `from`), so each is clamped to the range
 * before grouping: a few groups however many members there are (one message: at most four, see
 * oneMessageGroups). Index-only range scans: the cost follows how many members got that far, not
 * the history. Null when there is no such conversation.
 */
export async function receiptBasis(conversationId: string, viewerId: string, seqs: number[]) {
  const from = Math.min(...seqs);
  const to = Math.max(...seqs);
  // Past Prisma (sql.ts): one row per distinct watermark group, and in a big group with idle
  // members that is up to one per member — Prisma's per-row work cost more than the scan.
  const rows = await query<{
    source: string;
    memberCount: number | bigint | null;
    isMember: number | bigint | null;
    readCap: number | bigint | null;
    deliveredSeq: number | bigint | null;
    publicReadSeq: number | bigint | null;
    joinedSeq: number | bigint | null;
    leftSeq: number | bigint | null;
    count: number | bigint | null;
  }>(Prisma.sql`
    SELECT 'member' AS "source", c."memberCount",
           EXISTS (SELECT 1 FROM "Member" v WHERE v."conversationId" = c."id" AND v."userId" = ${viewerId}) AS "isMember",
           (SELECT v."peerReadCap" FROM "Member" v WHERE v."conversationId" = c."id" AND v."userId" = ${viewerId}) AS "readCap",
           g."deliveredSeq", g."publicReadSeq", g."joinedSeq", NULL AS "leftSeq", g."count"
    FROM "Conversation" c
    LEFT JOIN (${from === to ? oneMessageGroups(conversationId, viewerId, from) : rangeGroups(conversationId, viewerId, from, to)}) g ON 1
    WHERE c."id" = ${conversationId}
    UNION ALL
    -- Ended memberships whose window reaches the range: recent removals only (an index range).
    SELECT 'former', NULL, NULL, NULL, f."deliveredSeq", f."publicReadSeq", f."joinedSeq", f."leftSeq", 1
    FROM "FormerMember" f
    WHERE f."conversationId" = ${conversationId} AND f."leftSeq" >= ${from} AND f."userId" <> ${viewerId}`);
  const first = rows.find((r) => r.source === "member");
  if (!first) return null;
  const n = (v: number | bigint | null) => Number(v ?? 0);
  const groups: WatermarkGroup[] = [];
  const formers: FormerWindow[] = [];
  for (const r of rows) {
    if (r.count === null) continue;
    if (r.source === "member") {
      groups.push({
        deliveredSeq: n(r.deliveredSeq),
        publicReadSeq: n(r.publicReadSeq),
        joinedSeq: n(r.joinedSeq),
        count: n(r.count),
      });
    } else {
      formers.push({
        joinedSeq: n(r.joinedSeq),
        leftSeq: n(r.leftSeq),
        deliveredSeq: n(r.deliveredSeq),
        publicReadSeq: n(r.publicReadSeq),
      });
    }
  }
  return {
    viewerIsMember: Boolean(n(first.isMember)),
    otherMembers: n(first.memberCount) - (n(first.isMember) ? 1 : 0),
    readCap: first.readCap === null ? null : Number(first.readCap),
    groups,
    formers,
  };
}

/** receiptBasis's members reaching [from, to], grouped by their watermarks clamped to the range. */
const rangeGroups = (conversationId: string, viewerId: string, from: number, to: number) => Prisma.sql`
  SELECT MIN("deliveredSeq", ${to}) AS "deliveredSeq",
         MAX(MIN("publicReadSeq", ${to}), ${from - 1}) AS "publicReadSeq",
         CASE WHEN "joinedSeq" >= ${from} THEN MIN("joinedSeq", ${to}) ELSE 0 END AS "joinedSeq",
         COUNT(*) AS "count"
  FROM "Member"
  WHERE "conversationId" = ${conversationId} AND "deliveredSeq" >= ${from} AND "userId" <> ${viewerId}
  GROUP BY 1, 2, 3`;

/**
 * The same groups for one message (message info, one message's receipts moving): clamped to it,
 * a watermark is the message or just before it, so there are four groups at most — read or not,
 * joined before it or after — counted in one pass over the index instead of GROUP BY's sorter
 * (a third of the time at 1000 members, measured).
 */
const oneMessageGroups = (conversationId: string, viewerId: string, seq: number) => Prisma.sql`
  SELECT ${seq} AS "deliveredSeq", ${seq - 1} + k."column1" AS "publicReadSeq", ${seq} * k."column2" AS "joinedSeq",
         CASE k."column1" * 2 + k."column2" WHEN 3 THEN n."readJoined" WHEN 2 THEN n."read"
           WHEN 1 THEN n."joined" ELSE n."neither" END AS "count"
  FROM (
    SELECT COUNT(*) FILTER (WHERE "publicReadSeq" >= ${seq} AND "joinedSeq" >= ${seq}) AS "readJoined",
           COUNT(*) FILTER (WHERE "publicReadSeq" >= ${seq} AND "joinedSeq" < ${seq}) AS "read",
           COUNT(*) FILTER (WHERE "publicReadSeq" < ${seq} AND "joinedSeq" >= ${seq}) AS "joined",
           COUNT(*) FILTER (WHERE "publicReadSeq" < ${seq} AND "joinedSeq" < ${seq}) AS "neither"
    FROM "Member"
    WHERE "conversationId" = ${conversationId} AND "deliveredSeq" >= ${seq} AND "userId" <> ${viewerId}
  ) n
  JOIN (VALUES (1, 1), (1, 0), (0, 1), (0, 0)) k
  WHERE "count" > 0`;

/**
 * Recipients (not the viewer) whose edit-seen watermark reached `from`, grouped: for edit-seen
 * counts. Former members count for what was sent while they were in (a count never goes back).
 */
export async function editSeenGroups(
  conversationId: string,
  viewerId: string,
  from: number,
): Promise<EditSeenGroup[]> {
  const rows = await query<{
    editSeenSeq: number;
    joinedSeq: number;
    leftSeq: number | null;
    count: number | bigint;
  }>(Prisma.sql`
    SELECT "editSeenSeq", "joinedSeq", NULL AS "leftSeq", COUNT(*) AS "count" FROM "Member"
    WHERE "conversationId" = ${conversationId} AND "editSeenSeq" >= ${from} AND "userId" <> ${viewerId}
    GROUP BY 1, 2
    UNION ALL
    SELECT "editSeenSeq", "joinedSeq", "leftSeq", COUNT(*) FROM "FormerMember"
    WHERE "conversationId" = ${conversationId} AND "editSeenSeq" >= ${from} AND "userId" <> ${viewerId}
    GROUP BY 1, 2, 3`);
  return rows.map((r) => ({
    editSeenSeq: Number(r.editSeenSeq),
    joinedSeq: Number(r.joinedSeq),
    leftSeq: r.leftSeq === null ? null : Number(r.leftSeq),
    count: Number(r.count),
  }));
}

/**
 * One page of a message's recipients (members other than the sender who had joined before it), in
 * id order (the primary key's: a page costs the same whatever the group's size, which
 * tests/integration/query-cost.test.ts checks), each with their watermarks, their privacy, and
 * when their delivered and read watermarks first reached the message (ISO 8601) — the first
 * receipt mark at or past it, one index seek each (marks are in seq order per member, so the first
 * is the earliest), looked up for every recipient so that a page costs the same whoever is on it.
 */
export async function recipientsPage(input: {
  conversationId: string;
  seq: number;
  senderId: string;
  after: string | null;
  limit: number;
}) {
  const { conversationId, seq, senderId, after, limit } = input;
  const memberCursor = after ? Prisma.sql`AND m."userId" > ${after}` : Prisma.empty;
  const formerCursor = after ? Prisma.sql`AND f."userId" > ${after}` : Prisma.empty;
  // Past Prisma (sql.ts): its per-row work grows with the page.
  const rows = await query<{
    userId: string;
    username: string;
    name: string;
    deliveredSeq: number;
    publicReadSeq: number;
    deliveredAt: string | null;
    readAt: string | null;
    firstDelivered: string | null;
    firstRead: string | null;
  }>(Prisma.sql`
    SELECT x."userId", u."username", u."name", x."deliveredSeq", x."publicReadSeq",
           x."deliveredAt", x."readAt",
           (SELECT r."at" FROM "ReceiptMark" r
             WHERE r."conversationId" = ${conversationId} AND r."userId" = x."userId"
               AND r."kind" = 'delivered' AND r."seq" >= ${seq}
             ORDER BY r."seq" LIMIT 1) AS "firstDelivered",
           (SELECT r."at" FROM "ReceiptMark" r
             WHERE r."conversationId" = ${conversationId} AND r."userId" = x."userId"
               AND r."kind" = 'read' AND r."seq" >= ${seq}
             ORDER BY r."seq" LIMIT 1) AS "firstRead"
    FROM (
      SELECT m."userId", m."deliveredSeq", m."publicReadSeq", m."deliveredAt", m."readAt" FROM "Member" m
      WHERE m."conversationId" = ${conversationId} AND m."userId" <> ${senderId} AND m."joinedSeq" < ${seq}
        ${memberCursor}
      -- Someone who has left since still counts for what was sent while they were in (their
      -- watermarks as they left): the same recipients the counts use.
      UNION ALL
      SELECT f."userId", f."deliveredSeq", f."publicReadSeq", NULL, NULL FROM "FormerMember" f
      WHERE f."conversationId" = ${conversationId} AND f."userId" <> ${senderId}
        AND f."joinedSeq" < ${seq} AND f."leftSeq" >= ${seq} ${formerCursor}
      -- The page first: members come in id order off the primary key, merged with the few former
      -- members, and reading stops at the page's end. Only then the names and the marks.
      ORDER BY 1 LIMIT ${limit + 1}
    ) x JOIN "User" u ON u."id" = x."userId"
    ORDER BY x."userId"`);
  const page = rows.slice(0, limit).map((r) => ({
    user: { id: r.userId, username: r.username, name: r.name },
    deliveredSeq: Number(r.deliveredSeq),
    publicReadSeq: Number(r.publicReadSeq),
    deliveredAt: isoText(r.deliveredAt),
    readAt: isoText(r.readAt),
    firstDelivered: isoText(r.firstDelivered),
    firstRead: isoText(r.firstRead),
  }));
  return { page, more: rows.length > limit };
}

/**
 * A user stopped sharing read receipts: in each direct chat they now see the other's reads only as
 * far as they stand now (reciprocity), and their own public read watermark stays where it is.
 */
export async function capPeerReads(userId: string) {
  await prisma.$executeRaw`
    UPDATE "Member" SET "peerReadCap" = (
      SELECT o."publicReadSeq" FROM "Member" o
      WHERE o."conversationId" = "Member"."conversationId" AND o."userId" <> "Member"."userId"
    )
    WHERE "userId" = ${userId}
      AND "conversationId" IN (SELECT c."id" FROM "Conversation" c WHERE c."kind" = 'direct')`;
}

/**
 * A user shares read receipts again: from now on others see what they have read, and they see
 * others' reads in direct chats again. Returns where their public read watermark moved.
 */
export async function uncapReads(userId: string) {
  return prisma.$transaction(async (tx) => {
    const moves = await tx.$queryRaw<
      { conversationId: string; from: number | bigint; to: number | bigint }[]
    >`
      SELECT "conversationId", "publicReadSeq" AS "from", "readSeq" AS "to" FROM "Member"
      WHERE "userId" = ${userId} AND "readSeq" > "publicReadSeq"`;
    await tx.$executeRaw`
      UPDATE "Member" SET "publicReadSeq" = MAX("publicReadSeq", "readSeq"), "peerReadCap" = NULL
      WHERE "userId" = ${userId}`;
    return moves.map((m) => ({ conversationId: m.conversationId, from: Number(m.from), to: Number(m.to) }));
  });
}
