import "server-only";
import { findMessageBySeq } from "@/lib/server/db/messages";
import { firstMarksReaching } from "@/lib/server/db/receipts";
import { forbidden, notFound } from "@/lib/server/errors";
import { requireMembership } from "./access";
import { toMessage } from "./serialize";
import type { Message, RecipientReceipt } from "@/lib/core/types";
import { loadWatermarks } from "./watermarks-view";

/**
 * Message info for the sender: each recipient and when the message reached them and was read,
 * as far as their privacy allows (a hidden read state shows as delivered only).
 */
export async function getMessageReceipts(input: {
  userId: string;
  conversationId: string;
  seq: number;
}): Promise<{ message: Message; recipients: RecipientReceipt[] }> {
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const row = await findMessageBySeq(input.conversationId, input.seq);
  if (!row) throw notFound("No such message");
  if (row.sender.id !== input.userId) throw forbidden("Only the sender sees who received a message");
  const [view, times] = await Promise.all([
    loadWatermarks(input.conversationId, input.userId, conversation.kind),
    firstMarksReaching(input.conversationId, input.seq),
  ]);
  const recipients = view.members
    .filter((m) => m.user.id !== input.userId && m.joinedSeq < input.seq)
    .map((m) => {
      const t = times.get(m.user.id);
      const read = m.readSeq !== null && m.readSeq >= input.seq;
      const delivered = m.deliveredSeq >= input.seq;
      // Without a mark (an ack landing between the two reads, or data older than the marks),
      // the time the watermark last moved is the best bound we have.
      return {
        user: m.user,
        deliveredAt: delivered ? ((t?.deliveredAt ?? t?.readAt)?.toISOString() ?? m.deliveredAt) : null,
        readAt: read ? (t?.readAt?.toISOString() ?? m.readAt) : null,
      };
    });
  return { message: toMessage(row, input.userId, view.watermarks), recipients };
}
