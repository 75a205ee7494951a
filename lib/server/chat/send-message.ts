import "server-only";
import type { Message } from "@/lib/core/types";
import {
  findMessageByClientId,
  findMessageBySeq,
  insertMessage,
  type MessageRow,
} from "@/lib/server/db/messages";
import { AppError } from "@/lib/server/errors";
import { LIMITS, count, hit, type Hit } from "@/lib/server/rate-limit";
import { notifyMessageCreated } from "@/lib/server/realtime/notify";
import { requireSendAudience } from "./access";
import { takeUploads } from "./attachments";
import { present } from "./messages";
import { announceMoves } from "./receipts";
import { forEveryone, toMessage, toQuote } from "./serialize";

type SendInput = {
  userId: string;
  conversationId: string;
  body: string;
  clientId: string;
  replyToSeq?: number;
  socketId?: string;
  /** Uploads of this message (same clientId) that become its attachments, in order. */
  attachmentIds?: string[];
};

/**
 * Sends a message once per clientId: a retry of the same send (same clientId) returns the stored
 * message with `created: false` instead of storing it twice, even when the two race.
 */
export async function sendMessage(input: SendInput): Promise<{ message: Message; created: boolean }> {
  // One query: the membership check and everyone the message goes to.
  const audience = await requireSendAudience(input.conversationId, input.userId);
  const attempt = hit(LIMITS.send, input.userId, "You're sending messages too fast, wait a moment");
  try {
    return await store(input, audience, attempt);
  } catch (error) {
    // A retry of a message already stored is always answered, however fast the sender is. (Only
    // for the limit: after any other failure, e.g. a locked database, the connection is suspect.)
    if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
    const stored = await findMessageByClientId(input.userId, input.clientId);
    if (stored) return { message: await replay(stored, input, audience.memberIds), created: false };
    throw error;
  }
}

/** The send once its sender is known to be a member; counted against the send limit on the way. */
async function store(
  input: SendInput,
  audience: Awaited<ReturnType<typeof requireSendAudience>>,
  attempt: Hit,
): Promise<{ message: Message; created: boolean }> {
  // O(attachments): one query for the uploads and one ranged read of each from the store, in
  // parallel, before the transaction; nothing of it when there are none. The send is counted
  // first then, on its own, so that a sender past the limit costs no reads from the store.
  const ids = input.attachmentIds ?? [];
  let attachments: Awaited<ReturnType<typeof takeUploads>> = [];
  if (ids.length > 0) {
    await count(attempt);
    // A retry of a message already stored: its uploads are its attachments by now.
    const stored = await findMessageByClientId(input.userId, input.clientId);
    if (stored) return { message: await replay(stored, input, audience.memberIds), created: false };
    attachments = await takeUploads({ ...input, ids });
  }

  const quoted =
    input.replyToSeq === undefined ? undefined : await quotable(input.conversationId, input.replyToSeq);
  // No lookup of the clientId first: the unique index answers that inside the insert, so a new
  // message (nearly every send) costs one query less; retries take the slower path below. A text
  // message is counted against the limit inside the insert's transaction: one commit.
  const row = await insertMessage({
    conversationId: input.conversationId,
    sender: audience.sender.profile,
    shares: audience.sender.shareReadReceipts,
    body: input.body,
    clientId: input.clientId,
    attachments,
    replyToSeq: quoted?.seq,
    rateLimit: ids.length > 0 ? undefined : attempt,
  });
  if (!row) {
    // The clientId is taken: a retry (or a racing twin) of a message already stored.
    const winner = await findMessageByClientId(input.userId, input.clientId);
    if (!winner) throw new AppError("conflict", "This message could not be stored, retry it");
    return { message: await replay(winner, input, audience.memberIds), created: false };
  }

  // After commit: the realtime fan-out. A failure there is logged by publish, never thrown.
  const message = toMessage(row, { replyTo: quoted });
  const { deliveredSeq, publicReadSeq, shareReadReceipts } = audience.sender;
  await Promise.all([
    notifyMessageCreated({ message, memberIds: audience.memberIds, socketId: input.socketId }),
    // Sending moved my watermarks past everything before it (I have read what I answer): the
    // senders of those messages hear their new receipts, as after an ack.
    announceMoves({
      userId: input.userId,
      conversationId: row.conversationId,
      ranges: [
        [deliveredSeq, row.seq - 1],
        [publicReadSeq, shareReadReceipts ? row.seq - 1 : publicReadSeq],
      ],
    }),
  ]);
  // Everyone else who is a member now joined before it: all recipients, none reached yet.
  const receipts = { recipients: audience.memberCount - 1, delivered: 0, read: 0 };
  return { message: toMessage(row, { receipts, replyTo: quoted }), created: true };
}

/** The message a reply answers: one of this conversation's, not deleted, not a system line. */
async function quotable(conversationId: string, seq: number) {
  const row = await findMessageBySeq(conversationId, seq);
  if (!row || row.kind !== "text") throw new AppError("unprocessable", "There's no such message to reply to");
  if (row.deletedAt) throw new AppError("unprocessable", "That message was deleted");
  return toQuote(row);
}

/**
 * A retry of a message already stored: the stored one, as its sender sees it. It is announced
 * again: the first attempt may have died between its commit and its announcement (the app killed,
 * the trigger lost), and a retry is the sender saying nobody answered. A second copy of the event
 * is harmless — clients merge by seq, the list takes the highest lastSeq, and only a seq past the
 * one a list holds notifies.
 */
async function replay(row: MessageRow, input: SendInput, memberIds: string[]) {
  // The same clientId can only ever name one message: reusing it for other content is a bug.
  const sameAttachments = row.attachments.map((a) => a.id).join() === (input.attachmentIds ?? []).join();
  if (row.conversationId !== input.conversationId || row.body !== input.body || !sameAttachments) {
    throw new AppError("conflict", "This clientId was already used for another message");
  }
  const [message] = await present(row.conversationId, input.userId, [row]);
  if (!row.deletedAt) {
    await notifyMessageCreated({ message: forEveryone(message!), memberIds, socketId: input.socketId });
  }
  return message!;
}
