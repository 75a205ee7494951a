import "server-only";
import { advanceMemberWatermarks } from "@/lib/db/receipts";
import { findUser } from "@/lib/db/users";
import { broadcastReadSeq, notifyReceipts } from "@/lib/realtime/notify";
import { requireMembership } from "./access";
import { unreadCount } from "./watermarks";
import { listMemberFanout } from "@/lib/db/conversations";

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
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const ack = input.kind === "read" ? { read: input.upTo } : { delivered: input.upTo };
  const result = await advanceMemberWatermarks({
    conversationId: input.conversationId,
    userId: input.userId,
    ack,
  });
  if (result.changed) {
    const shares = await sharesReadReceipts(input.userId, input.conversationId, conversation.kind);
    await notifyReceipts({
      socketId: input.socketId,
      receipts: {
        conversationId: input.conversationId,
        userId: input.userId,
        deliveredSeq: result.deliveredSeq,
        readSeq: broadcastReadSeq({ kind: conversation.kind, readSeq: result.readSeq, ...shares }),
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

async function sharesReadReceipts(userId: string, conversationId: string, kind: string) {
  if (kind !== "direct") {
    const me = await findUser(userId);
    return { shares: me?.shareReadReceipts ?? true };
  }
  const members = await listMemberFanout(conversationId);
  const me = members.find((m) => m.userId === userId);
  const other = members.find((m) => m.userId !== userId);
  return { shares: me?.user.shareReadReceipts ?? true, otherShares: other?.user.shareReadReceipts };
}
