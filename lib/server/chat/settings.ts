import "server-only";
import { listReceiptStatesForUser } from "@/lib/server/db/conversations";
import { findUser, setShareReadReceipts, updateUser } from "@/lib/server/db/users";
import { notFound } from "@/lib/server/errors";
import { broadcastReadSeq } from "@/lib/core/status";
import { notifyReceiptsMany } from "@/lib/server/realtime/notify";
import type { ConversationKind } from "@/lib/core/status";

/**
 * Changes a user's name and/or whether they share read receipts. Turning sharing off (or on)
 * changes what everyone else may see of their read state in every conversation, so each one
 * hears the watermarks as now visible.
 */
export async function updateSettings(input: { userId: string; name?: string; shareReadReceipts?: boolean }) {
  if (!(await findUser(input.userId))) throw notFound("No such user");
  const changed =
    input.shareReadReceipts !== undefined &&
    (await setShareReadReceipts(input.userId, input.shareReadReceipts));
  const user = await updateUser(input.userId, { name: input.name });
  if (changed && input.shareReadReceipts !== undefined) {
    const shares = input.shareReadReceipts;
    const states = await listReceiptStatesForUser(input.userId);
    await notifyReceiptsMany(
      states.map((s) => ({
        conversationId: s.conversationId,
        userId: input.userId,
        deliveredSeq: s.deliveredSeq,
        readSeq: broadcastReadSeq({
          kind: s.kind as ConversationKind,
          readSeq: s.readSeq,
          shares,
          otherShares: s.otherShares,
        }),
      })),
    );
  }
  return user;
}
