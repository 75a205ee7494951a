import "server-only";
import { Prisma } from "./generated/client";
import { prisma, type Tx } from "./client";
import { dbFailure } from "./errors";
import { countHitSql, withinLimitSql, type Hit } from "./rate-limit";
import { writeBatch } from "./sql";
import { attachmentSelect, type AttachmentRow } from "./attachments";
import { newId } from "./ids";
import { publicUserSelect, type PublicUser } from "./users";

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  body: true,
  clientId: true,
  kind: true,
  system: true,
  replyToSeq: true,
  editedAt: true,
  deletedAt: true,
  changeSeq: true,
  editSeq: true,
  createdAt: true,
  sender: { select: publicUserSelect },
  attachments: { select: attachmentSelect, orderBy: { position: "asc" } },
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

/** A condition that always holds, for a statement that may also be guarded (`allowed`). */
const ALWAYS = Prisma.sql`1`;

/** The message a sender already sent with this clientId, if any (a unique-index lookup). */
export function findMessageByClientId(senderId: string, clientId: string): Promise<MessageRow | null> {
  return prisma.message.findUnique({
    where: { senderId_clientId: { senderId, clientId } },
    select: messageSelect,
  });
}

/**
 * Appends a message: takes the next seq and change sequence, stores the message and moves the
 * sender's own watermarks to it (you have read what you wrote), with its receipt marks, in one
 * transaction. Plain statements sent as one batch (sql.ts), the seq read by each from the row the
 * first one bumped: no round trip back to JavaScript in between, and one request to Turso. Returns
 * null when a concurrent request with the same clientId won the race; the caller then returns that
 * one. With `rateLimit`, the send is counted against its limit in the same transaction, every
 * statement after the count stores only while the window allows it, and past that it throws the
 * hit's refusal having stored nothing but the count: one commit and one request less than counting
 * first.
 */
export async function insertMessage(input: {
  conversationId: string;
  sender: PublicUser;
  /** Whether the sender shares read receipts: their public read watermark follows then. */
  shares: boolean;
  body: string;
  clientId: string;
  /** Verified uploads that become this message's attachments, in order. */
  attachments?: AttachmentRow[];
  replyToSeq?: number;
  /** The send's rate-limit hit, counted in this transaction (lib/server/rate-limit.ts, hit()). */
  rateLimit?: Hit;
}): Promise<MessageRow | null> {
  const { conversationId, sender, body, clientId, rateLimit } = input;
  const attachments = input.attachments ?? [];
  const id = newId();
  const now = new Date();
  const seq = Prisma.sql`(SELECT "lastSeq" FROM "Conversation" WHERE "id" = ${conversationId})`;
  const changeSeq = Prisma.sql`(SELECT "changeSeq" FROM "Conversation" WHERE "id" = ${conversationId})`;
  const replyToSeq = input.replyToSeq ?? null;
  // Each statement writes only while the window allows this send.
  const allowed = rateLimit ? withinLimitSql(rateLimit) : ALWAYS;
  try {
    // The count goes first, so the insert's answer is the statement after it.
    const counting = rateLimit ? [countHitSql(rateLimit.key, rateLimit.windowStart)] : [];
    const results = await writeBatch([
      ...counting,
      Prisma.sql`
        UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "changeSeq" = "changeSeq" + 1, "updatedAt" = ${now}
        WHERE "id" = ${conversationId} AND ${allowed}`,
      Prisma.sql`
        INSERT INTO "Message"
          ("id", "conversationId", "seq", "changeSeq", "senderId", "body", "clientId", "replyToSeq", "createdAt")
        SELECT ${id}, ${conversationId}, ${seq}, ${changeSeq}, ${sender.id}, ${body}, ${clientId}, ${replyToSeq}, ${now}
        WHERE ${allowed}
        RETURNING "seq", "changeSeq"`,
      // Before the update below: it reads where the sender's watermarks were.
      authorMarks({ conversationId, userId: sender.id, seq, at: now, allowed }),
      Prisma.sql`
        UPDATE "Member"
        SET "deliveredSeq" = ${seq}, "readSeq" = ${seq}, "deliveredAt" = ${now}, "readAt" = ${now},
            "publicReadSeq" = CASE WHEN ${input.shares} THEN ${seq} ELSE "publicReadSeq" END
        WHERE "conversationId" = ${conversationId} AND "userId" = ${sender.id} AND ${allowed}`,
      // The uploads become attachments with what their bytes were found to be; a row some other
      // message took meanwhile is left alone (its send won: the clientId is the same message).
      ...attachments.map(
        (a, position) => Prisma.sql`
        UPDATE "Attachment"
        SET "messageId" = ${id}, "position" = ${position}, "contentType" = ${a.contentType},
            "width" = ${a.width}, "height" = ${a.height}
        WHERE "id" = ${a.id} AND "messageId" IS NULL AND ${allowed}`,
      ),
    ]);
    const stored = results[counting.length + 1]?.rows[0];
    if (!stored) {
      // Only the limit's guard leaves the insert without a row (a taken clientId fails the batch).
      if (rateLimit) throw rateLimit.refusal();
      throw new Error("INSERT … RETURNING gave no row");
    }
    return {
      ...textRow({ id, conversationId, body, clientId, createdAt: now, sender, replyToSeq }),
      seq: Number(stored.seq),
      attachments,
      changeSeq: Number(stored.changeSeq),
    };
  } catch (error) {
    if (dbFailure(error) === "unique") return null;
    throw error;
  }
}

/**
 * The receipt marks of a line's author as it moves their watermarks onto it (`seq`: a number, or
 * SQL that reads it), before the move: a mark only for a watermark that passes someone else's
 * message. One that was on the message before this one passes only the author's own, and a
 * message's info never lists its author (recipientsPage), so that mark would never be read —
 * someone writing line after line writes none (≈ 6 of the ≈ 22 pages a send's commit wrote).
 */
function authorMarks(input: {
  conversationId: string;
  userId: string;
  seq: number | Prisma.Sql;
  at: Date;
  /** SQL that must hold for the marks to be written (insertMessage's rate limit). */
  allowed?: Prisma.Sql;
}) {
  const { conversationId, userId, seq, at, allowed = ALWAYS } = input;
  return Prisma.sql`
    INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
    SELECT m."conversationId", m."userId", k."kind", ${seq}, ${at}
    FROM "Member" m JOIN (SELECT 'delivered' AS "kind" UNION ALL SELECT 'read') k
      ON CASE k."kind" WHEN 'delivered' THEN m."deliveredSeq" ELSE m."readSeq" END < ${seq} - 1
    WHERE m."conversationId" = ${conversationId} AND m."userId" = ${userId} AND ${allowed}`;
}

const textRow = (
  r: Pick<MessageRow, "id" | "conversationId" | "body" | "clientId" | "createdAt" | "sender" | "replyToSeq">,
) => ({
  ...r,
  kind: "text",
  system: null,
  editedAt: null,
  deletedAt: null,
  editSeq: null,
});

/**
 * A system line ("Alice added Dana"), inside the caller's transaction: it takes the next seq and
 * change sequence like any message, and moves its author's watermarks past it, with their receipt
 * marks as a send writes them. Returns the row.
 */
export async function appendSystemLine(
  tx: Tx,
  input: { conversationId: string; actor: PublicUser; system: unknown },
): Promise<MessageRow> {
  const now = new Date();
  const [conversation] = await tx.$queryRaw<{ lastSeq: number; changeSeq: number }[]>`
    UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "changeSeq" = "changeSeq" + 1, "updatedAt" = ${now}
    WHERE "id" = ${input.conversationId}
    RETURNING "lastSeq", "changeSeq"`;
  if (!conversation) throw new Error("no such conversation");
  const seq = Number(conversation.lastSeq);
  const changeSeq = Number(conversation.changeSeq);
  const row = await tx.message.create({
    data: {
      id: newId(),
      conversationId: input.conversationId,
      seq,
      changeSeq,
      senderId: input.actor.id,
      body: "",
      clientId: `system-${newId()}`,
      kind: "system",
      system: JSON.stringify(input.system),
      createdAt: now,
    },
    select: messageSelect,
  });
  await tx.$executeRaw(
    authorMarks({ conversationId: input.conversationId, userId: input.actor.id, seq, at: now }),
  );
  await tx.$executeRaw`
    UPDATE "Member" SET "deliveredSeq" = ${seq}, "readSeq" = ${seq}, "deliveredAt" = ${now}, "readAt" = ${now},
      "publicReadSeq" = CASE WHEN (SELECT u."shareReadReceipts" FROM "User" u WHERE u."id" = ${input.actor.id})
                             THEN ${seq} ELSE "publicReadSeq" END
    WHERE "conversationId" = ${input.conversationId} AND "userId" = ${input.actor.id}`;
  return row;
}

export type Page = { before?: number; after?: number; limit: number };

/**
 * One page of messages in ascending seq order, and whether more exist beyond it: as a viewer sees
 * them — never past `upTo` (where a former member's access ends), nor ones they deleted for themself.
 */
export async function listMessages(
  conversationId: string,
  page: Page,
  viewer: { userId: string; upTo?: number | null },
) {
  const ascending = page.after !== undefined;
  const seq: Prisma.IntFilter = {};
  if (page.after !== undefined) seq.gt = page.after;
  if (page.before !== undefined) seq.lt = page.before;
  if (viewer.upTo !== undefined && viewer.upTo !== null) seq.lte = viewer.upTo;
  const rows = await prisma.message.findMany({
    where: { conversationId, seq },
    select: messageSelect,
    orderBy: { seq: ascending ? "asc" : "desc" },
    // One extra row tells whether there is more, without a count query.
    take: page.limit + 1,
  });
  const hasMore = rows.length > page.limit;
  const pageRows = await withoutHidden(viewer.userId, conversationId, rows.slice(0, page.limit));
  return { messages: ascending ? pageRows : pageRows.reverse(), hasMore };
}

/** Drops the messages `userId` deleted for themself (a primary-key lookup for the page's seqs). */
async function withoutHidden(userId: string, conversationId: string, rows: MessageRow[]) {
  if (rows.length === 0) return rows;
  const hidden = await prisma.hiddenMessage.findMany({
    where: { userId, conversationId, seq: { in: rows.map((r) => r.seq) } },
    select: { seq: true },
  });
  if (hidden.length === 0) return rows;
  const gone = new Set(hidden.map((h) => h.seq));
  return rows.filter((r) => !gone.has(r.seq));
}

// Changes a former member's catch-up walks per request at most (see listChanges).
const FORMER_CHANGES_SCAN = 500;

/**
 * Messages changed after a change sequence, oldest change first (one index range), and how far
 * in the change order the answer reaches (`changeSeq`: the next `after`).
 *
 * A former member sees only what was sent while they were in (seq ≤ upTo), but most changes after
 * they left touch later messages, which a range on changeSeq would walk past however many there
 * are. So their request walks at most FORMER_CHANGES_SCAN changes and says how far it got, found
 * or not: each request's cost is bounded, and the next one goes on from there.
 */
export async function listChanges(
  conversationId: string,
  input: { after: number; limit: number; viewer: { userId: string; upTo?: number | null } },
): Promise<{ messages: MessageRow[]; hasMore: boolean; changeSeq: number }> {
  const upTo = input.viewer.upTo;
  if (upTo === undefined || upTo === null) {
    const rows = await prisma.message.findMany({
      where: { conversationId, changeSeq: { gt: input.after } },
      select: messageSelect,
      orderBy: { changeSeq: "asc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    return {
      messages: await withoutHidden(input.viewer.userId, conversationId, page),
      hasMore: rows.length > input.limit,
      changeSeq: page.at(-1)?.changeSeq ?? input.after,
    };
  }
  const walked = await prisma.message.findMany({
    where: { conversationId, changeSeq: { gt: input.after } },
    select: { seq: true, changeSeq: true },
    orderBy: { changeSeq: "asc" },
    take: FORMER_CHANGES_SCAN,
  });
  const visible = walked.filter((r) => r.seq <= upTo);
  const page = visible.slice(0, input.limit);
  const full = visible.length > input.limit;
  const rows =
    page.length === 0
      ? []
      : await prisma.message.findMany({
          where: { conversationId, seq: { in: page.map((r) => r.seq) } },
          select: messageSelect,
          orderBy: { changeSeq: "asc" },
        });
  return {
    messages: await withoutHidden(input.viewer.userId, conversationId, rows),
    hasMore: full || walked.length === FORMER_CHANGES_SCAN,
    changeSeq: full ? page.at(-1)!.changeSeq : (walked.at(-1)?.changeSeq ?? input.after),
  };
}

export function findMessageBySeq(conversationId: string, seq: number) {
  return prisma.message.findUnique({
    where: { conversationId_seq: { conversationId, seq } },
    select: messageSelect,
  });
}

/** The messages at these seqs (quotes of replies): one index lookup per seq. */
export function findMessagesBySeqs(conversationId: string, seqs: number[]) {
  if (seqs.length === 0) return Promise.resolve([] as MessageRow[]);
  return prisma.message.findMany({ where: { conversationId, seq: { in: seqs } }, select: messageSelect });
}

/** The seqs and senders of others' messages in (after, upTo], newest first, at most `limit`. */
export async function othersMessagesBetween(input: {
  conversationId: string;
  exceptSenderId: string;
  after: number;
  upTo: number;
  limit: number;
}) {
  const rows = await prisma.$queryRaw<{ seq: number | bigint; senderId: string }[]>`
    SELECT "seq", "senderId" FROM "Message"
    WHERE "conversationId" = ${input.conversationId} AND "seq" > ${input.after} AND "seq" <= ${input.upTo}
      AND "senderId" <> ${input.exceptSenderId} AND "kind" = 'text'
    ORDER BY "seq" DESC
    LIMIT ${input.limit}`;
  return rows.map((r) => ({ seq: Number(r.seq), senderId: r.senderId }));
}

/**
 * Others' messages whose latest edit falls in a change range (after, upTo]: whose "seen the edit"
 * count a member's edit-seen move changed. One index range (conversationId, editSeq).
 */
export async function othersEditsBetween(input: {
  conversationId: string;
  exceptSenderId: string;
  after: number;
  upTo: number;
  limit: number;
}) {
  const rows = await prisma.$queryRaw<{ seq: number | bigint; senderId: string; editSeq: number | bigint }[]>`
    SELECT "seq", "senderId", "editSeq" FROM "Message"
    WHERE "conversationId" = ${input.conversationId} AND "editSeq" > ${input.after} AND "editSeq" <= ${input.upTo}
      AND "senderId" <> ${input.exceptSenderId} AND "deletedAt" IS NULL
    ORDER BY "editSeq" DESC
    LIMIT ${input.limit}`;
  return rows.map((r) => ({ seq: Number(r.seq), senderId: r.senderId, editSeq: Number(r.editSeq) }));
}

const UNSEEN_EDITS_MAX = 50;

/**
 * Others' edits after a member's edit-seen watermark (their edit seqs, oldest first, bounded): the
 * ones the member's client must see on screen before claiming past them. Nothing for a non-member.
 */
export async function unseenEditsOf(conversationId: string, userId: string): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ editSeq: number | bigint }[]>`
    SELECT "editSeq" FROM "Message"
    WHERE "conversationId" = ${conversationId} AND "deletedAt" IS NULL AND "senderId" <> ${userId}
      AND "editSeq" > (SELECT "editSeenSeq" FROM "Member" WHERE "conversationId" = ${conversationId} AND "userId" = ${userId})
    ORDER BY "editSeq" ASC
    LIMIT ${UNSEEN_EDITS_MAX}`;
  return rows.map((r) => Number(r.editSeq));
}
