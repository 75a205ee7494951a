import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "./client";
import { messageSelect, type MessageRow } from "./conversations";
import { marksFor } from "./receipts";

export function findMessageByClientId(senderId: string, clientId: string) {
  return prisma.message.findUnique({
    where: { senderId_clientId: { senderId, clientId } },
    select: messageSelect,
  });
}

/**
 * Appends a message: takes the next seq, stores the message and moves the sender's own watermarks
 * to it (you have read what you wrote), all in one transaction. Returns null when a concurrent
 * request with the same clientId won the race; the caller then returns that one.
 */
export async function insertMessage(input: {
  conversationId: string;
  senderId: string;
  body: string;
  clientId: string;
}): Promise<MessageRow | null> {
  try {
    return await prisma.$transaction(async (tx) => {
      const { lastSeq: seq } = await tx.conversation.update({
        where: { id: input.conversationId },
        data: { lastSeq: { increment: 1 } },
        select: { lastSeq: true },
      });
      // Scalars straight from the INSERT's RETURNING, and the sender by its key: two queries where
      // `select: messageSelect` makes three (insert, re-read the message, then its sender).
      const { sender: _, ...scalars } = messageSelect;
      const stored = await tx.message.create({ data: { ...input, seq }, select: scalars });
      const message: MessageRow = {
        ...stored,
        sender: await tx.user.findUniqueOrThrow({
          where: { id: input.senderId },
          select: messageSelect.sender.select,
        }),
      };
      const now = new Date();
      const sender = { conversationId: input.conversationId, userId: input.senderId };
      await tx.member.update({
        where: { conversationId_userId: sender },
        data: { deliveredSeq: seq, readSeq: seq, deliveredAt: now, readAt: now },
      });
      await tx.receiptMark.createMany({
        data: marksFor(
          sender,
          { deliveredSeq: seq, readSeq: seq, deliveredMoved: true, readMoved: true },
          now,
        ),
      });
      return message;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
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

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function findMessageBySeq(conversationId: string, seq: number) {
  return prisma.message.findUnique({
    where: { conversationId_seq: { conversationId, seq } },
    select: messageSelect,
  });
}
