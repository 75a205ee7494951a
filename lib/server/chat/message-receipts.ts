import "server-only";
import { readPrivacy } from "@/lib/core/status";
import type { MessageInfo } from "@/lib/core/types";
import { findMessageBySeq } from "@/lib/server/db/messages";
import { recipientsPage } from "@/lib/server/db/receipts";
import { forbidden, notFound } from "@/lib/server/errors";
import { requireMembership } from "./access";
import { receiptsOf } from "./receipts";
import { toMessage } from "./serialize";

/** Recipients per page of message info: a page costs the same in a group of 3 or of 1000. */
export const RECIPIENTS_PAGE = 50;

/**
 * Message info for the sender: one page of recipients and when the message reached each of them
 * and was read, as far as their privacy (and, in a direct chat, the sender's own) allows — a
 * hidden read shows as delivered only.
 */
export async function getMessageReceipts(input: {
  userId: string;
  conversationId: string;
  seq: number;
  after?: string;
}): Promise<MessageInfo> {
  const member = await requireMembership(input.conversationId, input.userId);
  const conversationId = member.conversation.id;
  const row = await findMessageBySeq(conversationId, input.seq);
  if (!row) throw notFound("No such message");
  if (row.sender.id !== input.userId) throw forbidden("Only the sender sees who received a message");
  const [{ page, more }, receipts] = await Promise.all([
    recipientsPage({
      conversationId,
      seq: input.seq,
      senderId: input.userId,
      after: input.after ?? null,
      limit: RECIPIENTS_PAGE,
    }),
    receiptsOf(conversationId, input.userId, [input.seq]),
  ]);
  const recipients = page.map((r) => {
    const read = readPrivacy.visibleReadSeq(r.publicReadSeq, member.peerReadCap) >= input.seq;
    const delivered = r.deliveredSeq >= input.seq;
    // Without a mark (data older than the marks), the time the watermark last moved is the best
    // bound there is. Reading implies delivery: a read with no delivered mark was delivered then.
    return {
      user: r.user,
      deliveredAt: delivered ? (r.firstDelivered ?? r.firstRead ?? r.deliveredAt) : null,
      readAt: read ? (r.firstRead ?? r.readAt) : null,
    };
  });
  return {
    message: toMessage(row, { receipts: receipts.get(input.seq) }),
    recipients,
    next: more ? (page.at(-1)?.user.id ?? null) : null,
  };
}
