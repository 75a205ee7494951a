import "server-only";
import { advanceWatermarks, type Ack, type Advance } from "@/lib/chat/watermarks";
import { prisma } from "./client";

const MAX_ATTEMPTS = 5;

/**
 * Moves a member's watermarks with compare-and-set, so two acks racing from several tabs or
 * server instances can never move one backwards: the update only applies to the row it read.
 */
export async function advanceMemberWatermarks(input: {
  conversationId: string;
  userId: string;
  ack: Ack;
}): Promise<Advance & { lastSeq: number }> {
  const where = { conversationId_userId: { conversationId: input.conversationId, userId: input.userId } };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await prisma.member.findUnique({
      where,
      select: { deliveredSeq: true, readSeq: true, conversation: { select: { lastSeq: true } } },
    });
    if (!current) throw new Error("membership vanished during an ack");
    const lastSeq = current.conversation.lastSeq;
    const next = advanceWatermarks(current, input.ack, lastSeq);
    if (!next.changed) return { ...next, lastSeq };
    const now = new Date();
    const { count } = await prisma.member.updateMany({
      where: {
        conversationId: input.conversationId,
        userId: input.userId,
        deliveredSeq: current.deliveredSeq,
        readSeq: current.readSeq,
      },
      data: {
        deliveredSeq: next.deliveredSeq,
        readSeq: next.readSeq,
        ...(next.deliveredMoved ? { deliveredAt: now } : {}),
        ...(next.readMoved ? { readAt: now } : {}),
      },
    });
    if (count === 1) return { ...next, lastSeq };
  }
  throw new Error("watermark update kept racing");
}
