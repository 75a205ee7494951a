import "server-only";
import { otherMemberShares } from "@/lib/server/db/conversations";
import { advanceMemberWatermarks } from "@/lib/server/db/receipts";
import { broadcastReadSeq, notifyReceipts } from "@/lib/server/realtime/notify";
import { requireMembership } from "./access";
import { unreadCount } from "@/lib/core/watermarks";

/**
 * Acknowledges every message up to `upTo` at once: `delivered` (the client holds them) or `read`
 * (they were on screen). Monotonic and idempotent: a lower or repeated ack changes nothing and
 * publishes nothing; an ack past the last message stops at it.
 */
export async function acknowledge(input: {
  userId: string;
  conversationId: string;
  kind: "delivered" | "read";
  upTo: number;
  socketId?: string;
}) {
  const { conversation, user } = await requireMembership(input.conversationId, input.userId);
  const ack = input.kind === "read" ? { read: input.upTo } : { delivered: input.upTo };
  const result = await advanceMemberWatermarks({
    conversationId: input.conversationId,
    userId: input.userId,
    ack,
  });
  if (result.changed) {
    // Reciprocity in direct chats needs the other side's setting too (one small query, only then).
    const otherShares =
      conversation.kind === "direct"
        ? await otherMemberShares(input.conversationId, input.userId)
        : undefined;
    await notifyReceipts({
      socketId: input.socketId,
      receipts: {
        conversationId: input.conversationId,
        userId: input.userId,
        deliveredSeq: result.deliveredSeq,
        readSeq: broadcastReadSeq({
          kind: conversation.kind,
          readSeq: result.readSeq,
          shares: user.shareReadReceipts,
          otherShares,
        }),
      },
      // Only a read moves the unread count the user's other tabs show.
      inbox: result.readMoved
        ? {
            conversationId: input.conversationId,
            lastSeq: result.lastSeq,
            unreadCount: unreadCount(result.lastSeq, result.readSeq),
          }
        : undefined,
    });
  }
  return { deliveredSeq: result.deliveredSeq, readSeq: result.readSeq };
}
