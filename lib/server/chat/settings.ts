import "server-only";
import { capPeerReads, uncapReads } from "@/lib/server/db/receipts";
import { findUser, setShareReadReceipts, updateUser } from "@/lib/server/db/users";
import { notFound } from "@/lib/server/errors";
import { announceMoves } from "./receipts";

/**
 * Changes a user's name and/or whether they share read receipts. Privacy changes apply from then on
 * (docs/architecture.md, "Receipts"): turning sharing off freezes what others see of your reads and
 * caps what you see of the other side's in direct chats — nothing shown goes back, so nobody is
 * told anything; turning it on shows others what you have read (the senders hear their messages'
 * new receipts) and lifts your caps.
 */
export async function updateSettings(input: {
  userId: string;
  name?: string;
  shareReadReceipts?: boolean;
  shareLastSeen?: boolean;
}) {
  if (!(await findUser(input.userId))) throw notFound("No such user");
  const changed =
    input.shareReadReceipts !== undefined &&
    (await setShareReadReceipts(input.userId, input.shareReadReceipts));
  // Last seen is read when asked for (never sent out), so changing its privacy announces nothing.
  const user = await updateUser(input.userId, { name: input.name, shareLastSeen: input.shareLastSeen });
  if (changed && input.shareReadReceipts === false) await capPeerReads(input.userId);
  if (changed && input.shareReadReceipts === true) {
    const moves = await uncapReads(input.userId);
    await Promise.all(
      moves.map((m) =>
        announceMoves({ userId: input.userId, conversationId: m.conversationId, ranges: [[m.from, m.to]] }),
      ),
    );
  }
  return user;
}
