import "server-only";
import { countReceipts, type Receipts } from "@/lib/core/status";
import type { MessageReceipts } from "@/lib/core/types";
import { othersMessagesBetween } from "@/lib/server/db/messages";
import { receiptBasis } from "@/lib/server/db/receipts";
import { log } from "@/lib/server/log";
import { notifyReceipts } from "@/lib/server/realtime/notify";

/**
 * The receipts of a viewer's own messages among `seqs`, counted from the conversation's
 * watermarks (docs/architecture.md, "Receipts"): one read of the members who got that far, however
 * many messages or members there are. Empty when the viewer is no member.
 */
export async function receiptsOf(
  conversationId: string,
  viewerId: string,
  seqs: number[],
): Promise<Map<number, Receipts>> {
  if (seqs.length === 0) return new Map();
  const basis = await receiptBasis(conversationId, viewerId, Math.min(...seqs));
  if (!basis) return new Map();
  return countReceipts({ seqs, ...basis });
}

/**
 * After someone's watermarks moved: the new receipts of the messages the move covered, per sender
 * (each through their own privacy cap). One read per sender in the range — one in a direct chat.
 */
export async function receiptsBySender(input: {
  conversationId: string;
  messages: { seq: number; senderId: string }[];
}): Promise<Map<string, MessageReceipts[]>> {
  const bySender = new Map<string, number[]>();
  for (const m of input.messages) bySender.set(m.senderId, [...(bySender.get(m.senderId) ?? []), m.seq]);
  const out = new Map<string, MessageReceipts[]>();
  await Promise.all(
    [...bySender].map(async ([senderId, seqs]) => {
      const counts = await receiptsOf(input.conversationId, senderId, seqs);
      // A sender who has since left the conversation hears nothing of it.
      if (counts.size > 0)
        out.set(
          senderId,
          seqs.map((seq) => ({ seq, ...counts.get(seq)! })),
        );
    }),
  );
  return out;
}

// A move can cover a long stretch (back online after a busy day): the senders hear the newest
// receipts it changed, this many at most; older messages on their screens catch up on the next fetch.
const MAX_RECEIPTS_PER_MOVE = 500;

/**
 * A member's watermarks moved over `ranges` (each `[from, to]`: messages from+1 … to): the senders
 * of the messages there hear those messages' new receipts — and nobody else. Runs after the commit
 * and never throws: the database is the truth, and clients catch up.
 */
export async function announceMoves(input: {
  userId: string;
  conversationId: string;
  ranges: [number, number][];
}) {
  await announce(input).catch((error: unknown) => log("warn", "realtime: receipts not announced", { error }));
}

async function announce(input: { userId: string; conversationId: string; ranges: [number, number][] }) {
  const ranges = input.ranges.filter(([from, to]) => to > from);
  if (ranges.length === 0) return;
  const messages = await othersMessagesBetween({
    conversationId: input.conversationId,
    exceptSenderId: input.userId,
    after: Math.min(...ranges.map((r) => r[0])),
    upTo: Math.max(...ranges.map((r) => r[1])),
    limit: MAX_RECEIPTS_PER_MOVE,
  });
  await notifyReceipts(
    input.conversationId,
    await receiptsBySender({ conversationId: input.conversationId, messages }),
  );
}
