import "server-only";
import { countEditSeen, countReceipts, type Receipts } from "@/lib/core/status";
import type { MessageReceipts } from "@/lib/core/types";
import { othersEditsBetween, othersMessagesBetween } from "@/lib/server/db/messages";
import { editSeenGroups, receiptBasis } from "@/lib/server/db/receipts";
import { log } from "@/lib/server/log";
import { notifyReceipts } from "@/lib/server/realtime/notify";

/**
 * The receipts of a viewer's own messages among `seqs`, counted from the conversation's
 * watermarks (docs/architecture.md, "Receipts"): one read of the members who got that far, however
 * many messages or members there are.
 */
export async function receiptsOf(
  conversationId: string,
  viewerId: string,
  seqs: number[],
): Promise<Map<number, Receipts>> {
  if (seqs.length === 0) return new Map();
  const basis = await receiptBasis(conversationId, viewerId, seqs);
  if (!basis) return new Map();
  return countReceipts({ seqs, ...basis });
}

/**
 * The receipts of a viewer's own messages and, for the edited ones, how many recipients have had
 * the edit on screen: what their status line says.
 */
export async function ownMessageFacts(
  conversationId: string,
  viewerId: string,
  own: { seq: number; editSeq: number | null }[],
) {
  const receipts = new Map<number, Receipts>();
  const editSeen = new Map<number, number>();
  if (own.length === 0) return { receipts, editSeen };
  const seqs = own.map((m) => m.seq);
  const edited = own.filter((m): m is { seq: number; editSeq: number } => m.editSeq !== null);
  const [basis, seenGroups] = await Promise.all([
    receiptBasis(conversationId, viewerId, seqs),
    edited.length > 0
      ? editSeenGroups(conversationId, viewerId, Math.min(...edited.map((m) => m.editSeq)))
      : Promise.resolve([]),
  ]);
  if (!basis) return { receipts, editSeen };
  for (const [seq, r] of countReceipts({ seqs, ...basis })) receipts.set(seq, r);
  for (const m of edited) editSeen.set(m.seq, countEditSeen(m, seenGroups, basis.readCap));
  return { receipts, editSeen };
}

/** Like receiptsOf, but nothing for a viewer who is no longer a member: they hear nothing new. */
async function memberReceiptsOf(conversationId: string, viewerId: string, seqs: number[]) {
  const basis = await receiptBasis(conversationId, viewerId, seqs);
  if (!basis?.viewerIsMember) return new Map<number, Receipts>();
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
  const bySender = groupBySender(input.messages, (m) => m.seq);
  const out = new Map<string, MessageReceipts[]>();
  await Promise.all(
    [...bySender].map(async ([senderId, seqs]) => {
      const counts = await memberReceiptsOf(input.conversationId, senderId, seqs);
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

/**
 * A member's edit-seen watermark moved over (from, to]: the senders of the messages edited in that
 * range hear how many recipients have now seen each edit. Never throws (clients catch up).
 */
export async function announceEditsSeen(input: {
  userId: string;
  conversationId: string;
  from: number;
  to: number;
}) {
  try {
    const edits = await othersEditsBetween({
      conversationId: input.conversationId,
      exceptSenderId: input.userId,
      after: input.from,
      upTo: input.to,
      limit: MAX_RECEIPTS_PER_MOVE,
    });
    const bySender = groupBySender(edits, (e) => e);
    const out = new Map<string, MessageReceipts[]>();
    await Promise.all(
      [...bySender].map(async ([senderId, own]) => {
        const facts = await ownMessageFacts(input.conversationId, senderId, own);
        const entries = own.flatMap((m) => {
          const r = facts.receipts.get(m.seq);
          return r ? [{ seq: m.seq, ...r, editSeen: facts.editSeen.get(m.seq) ?? 0 }] : [];
        });
        if (entries.length > 0) out.set(senderId, entries);
      }),
    );
    await notifyReceipts(input.conversationId, out);
  } catch (error) {
    log("warn", "realtime: edit receipts not announced", { error });
  }
}

/** Items per sender (each sender hears only about their own messages). */
function groupBySender<T extends { senderId: string }, U>(
  items: T[],
  pick: (item: T) => U,
): Map<string, U[]> {
  const out = new Map<string, U[]>();
  for (const item of items) {
    const list = out.get(item.senderId);
    if (list) list.push(pick(item));
    else out.set(item.senderId, [pick(item)]);
  }
  return out;
}
