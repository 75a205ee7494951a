import "server-only";
import { broadcastReadSeq, type ConversationKind } from "@/lib/core/status";
import { unreadCount } from "@/lib/core/watermarks";
import { otherMemberShares } from "@/lib/server/db/conversations";
import { advanceMemberWatermarks } from "@/lib/server/db/receipts";
import { notifyReceipts } from "@/lib/server/realtime/notify";
import { conversationIdOf, membershipRefusal } from "./access";

/**
 * Acknowledges every message up to `upTo` at once: `delivered` (the client holds them) or `read`
 * (they were on screen). Monotonic and idempotent: a lower or repeated ack changes nothing and
 * publishes nothing; an ack past the last message stops at it. The watermark read inside the
 * update is the membership check (one query per ack, not two).
 */
export async function acknowledge(input: {
  userId: string;
  conversationId: string;
  kind: "delivered" | "read";
  upTo: number;
  socketId?: string;
}) {
  const conversationId = conversationIdOf(input.conversationId);
  const ack = input.kind === "read" ? { read: input.upTo } : { delivered: input.upTo };
  const result = await advanceMemberWatermarks({ conversationId, userId: input.userId, ack });
  if (!result) throw await membershipRefusal(conversationId);
  if (result.changed) {
    const kind = result.kind as ConversationKind;
    // Reciprocity in direct chats needs the other side's setting too (one small query, only then).
    const otherShares = kind === "direct" ? await otherMemberShares(conversationId, input.userId) : undefined;
    await notifyReceipts({
      socketId: input.socketId,
      receipts: {
        conversationId,
        userId: input.userId,
        deliveredSeq: result.deliveredSeq,
        readSeq: broadcastReadSeq({ kind, readSeq: result.readSeq, shares: result.shares, otherShares }),
      },
      // Only a read moves the unread count the user's other tabs show.
      inbox: result.readMoved
        ? {
            conversationId,
            lastSeq: result.lastSeq,
            unreadCount: unreadCount(result.lastSeq, result.readSeq),
          }
        : undefined,
    });
  }
  return { deliveredSeq: result.deliveredSeq, readSeq: result.readSeq };
}
