import "server-only";
import { Prisma } from "./generated/client";
import { prisma } from "./client";
import { dbFailure } from "./errors";
import { attachmentSelect, listAttachments, type AttachmentRow } from "./attachments";
import { newId } from "./ids";
import { publicUserSelect, type PublicUser } from "./users";

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  body: true,
  clientId: true,
  createdAt: true,
  sender: { select: publicUserSelect },
  attachments: { select: attachmentSelect, orderBy: { position: "asc" } },
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

/** The message a sender already sent with this clientId, if any (one JOIN, for every send). */
export async function findMessageByClientId(senderId: string, clientId: string): Promise<MessageRow | null> {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      conversationId: string;
      seq: number;
      body: string;
      clientId: string;
      createdAt: Date | string;
      username: string;
      name: string;
    }[]
  >`
    SELECT msg."id", msg."conversationId", msg."seq", msg."body", msg."clientId", msg."createdAt",
           u."username", u."name"
    FROM "Message" msg JOIN "User" u ON u."id" = msg."senderId"
    WHERE msg."senderId" = ${senderId} AND msg."clientId" = ${clientId}`;
  const row = rows[0];
  if (!row) return null;
  const attachments = (await listAttachments([row.id])).get(row.id) ?? [];
  return {
    attachments,
    id: row.id,
    conversationId: row.conversationId,
    seq: Number(row.seq),
    body: row.body,
    clientId: row.clientId,
    createdAt: new Date(row.createdAt),
    sender: { id: senderId, username: row.username, name: row.name },
  };
}

/**
 * Appends a message: takes the next seq, stores the message and moves the sender's own watermarks
 * to it (you have read what you wrote), with its receipt marks, in one transaction. Plain
 * statements sent as one batch, the seq read by each from the row the first one bumped: no round
 * trip back to JavaScript in between (the ORM version took five, ≈ 5 ms of the send's 10).
 * Returns null when a concurrent request with the same clientId won the race; the caller then
 * returns that one.
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
}): Promise<MessageRow | null> {
  const { conversationId, sender, body, clientId } = input;
  const attachments = input.attachments ?? [];
  const id = newId();
  const now = new Date();
  const seq = Prisma.sql`(SELECT "lastSeq" FROM "Conversation" WHERE "id" = ${conversationId})`;
  try {
    const [, inserted] = await prisma.$transaction([
      prisma.$executeRaw`
        UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = ${now}
        WHERE "id" = ${conversationId}`,
      prisma.$queryRaw<{ seq: number }[]>`
        INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "body", "clientId", "createdAt")
        VALUES (${id}, ${conversationId}, ${seq}, ${sender.id}, ${body}, ${clientId}, ${now})
        RETURNING "seq"`,
      prisma.$executeRaw`
        UPDATE "Member"
        SET "deliveredSeq" = ${seq}, "readSeq" = ${seq}, "deliveredAt" = ${now}, "readAt" = ${now},
            "publicReadSeq" = CASE WHEN ${input.shares} THEN ${seq} ELSE "publicReadSeq" END
        WHERE "conversationId" = ${conversationId} AND "userId" = ${sender.id}`,
      prisma.$executeRaw`
        INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
        VALUES (${conversationId}, ${sender.id}, 'delivered', ${seq}, ${now}),
               (${conversationId}, ${sender.id}, 'read', ${seq}, ${now})`,
      // The uploads become attachments with what their bytes were found to be; a row some other
      // message took meanwhile is left alone (its send won: the clientId is the same message).
      ...attachments.map(
        (a, position) => prisma.$executeRaw`
        UPDATE "Attachment"
        SET "messageId" = ${id}, "position" = ${position}, "contentType" = ${a.contentType},
            "width" = ${a.width}, "height" = ${a.height}
        WHERE "id" = ${a.id} AND "messageId" IS NULL`,
      ),
    ]);
    const stored = inserted[0];
    if (!stored) throw new Error("INSERT … RETURNING gave no row");
    return {
      id,
      conversationId,
      seq: Number(stored.seq),
      body,
      clientId,
      createdAt: now,
      sender,
      attachments,
    };
  } catch (error) {
    if (dbFailure(error) === "unique") return null;
    throw error;
  }
}

export type Page = { before?: number; after?: number; limit: number };

/** One page of messages in ascending seq order, and whether more exist beyond it. */
export async function listMessages(conversationId: string, page: Page) {
  const ascending = page.after !== undefined;
  const rows = await prisma.message.findMany({
    where: {
      conversationId,
      ...(page.after !== undefined ? { seq: { gt: page.after } } : {}),
      ...(page.before !== undefined ? { seq: { lt: page.before } } : {}),
    },
    select: messageSelect,
    orderBy: { seq: ascending ? "asc" : "desc" },
    // One extra row tells whether there is more, without a count query.
    take: page.limit + 1,
  });
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  return { messages: ascending ? pageRows : pageRows.reverse(), hasMore };
}

export function findMessageBySeq(conversationId: string, seq: number) {
  return prisma.message.findUnique({
    where: { conversationId_seq: { conversationId, seq } },
    select: messageSelect,
  });
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
      AND "senderId" <> ${input.exceptSenderId}
    ORDER BY "seq" DESC
    LIMIT ${input.limit}`;
  return rows.map((r) => ({ seq: Number(r.seq), senderId: r.senderId }));
}
