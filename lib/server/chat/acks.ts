import "server-only";
import type { AckResult } from "@/lib/core/types";
import { unreadCount } from "@/lib/core/watermarks";
import { advanceMany, type AckOutcome } from "@/lib/server/db/receipts";
import { AppError, toAppError } from "@/lib/server/errors";
import { notifyOwnMarks } from "@/lib/server/realtime/notify";
import { conversationIdOf, membershipRefusal } from "./access";
import { announceEditsSeen, announceMoves } from "./receipts";

export type AckMark = { conversationId: string; delivered?: number; read?: number; editSeen?: number };

/**
 * Acknowledges, in many conversations at once and in one transaction, every message up to a seq:
 * `delivered` (the client holds them) and/or `read` (they were on screen). Per conversation:
 * membership checked, monotonic and idempotent (a lower or repeated ack changes nothing and
 * publishes nothing; one past the last message stops at it), its own result. After the commit,
 * the senders of the messages a move covered hear their new receipts, and my other tabs my marks.
 */
export async function acknowledgeMany(input: {
  userId: string;
  marks: AckMark[];
  socketId?: string;
}): Promise<AckResult[]> {
  const results = new Map<string, AckResult>();
  const wanted = new Map<string, { delivered?: number; read?: number; editSeen?: number }>();
  for (const m of input.marks) {
    let id: string;
    try {
      id = conversationIdOf(m.conversationId);
    } catch (error) {
      results.set(m.conversationId, refused(m.conversationId, error));
      continue;
    }
    // The same conversation twice in one batch: the highest of each wins, as in one ack.
    const w = wanted.get(id) ?? {};
    wanted.set(id, {
      delivered: max(w.delivered, m.delivered),
      read: max(w.read, m.read),
      editSeen: max(w.editSeen, m.editSeen),
    });
  }
  const entries = [...wanted].map(([conversationId, ack]) => ({ conversationId, ack }));
  const outcomes = entries.length > 0 ? await advanceMany(input.userId, entries) : [];
  for (const o of outcomes) {
    results.set(
      o.conversationId,
      "notMember" in o
        ? refused(o.conversationId, await membershipRefusal(o.conversationId))
        : { conversationId: o.conversationId, deliveredSeq: o.deliveredSeq, readSeq: o.readSeq },
    );
  }
  await announce(input.userId, outcomes, input.socketId);
  return input.marks.map((m) => results.get(m.conversationId)!);
}

/** One conversation's ack (`POST /api/conversations/[id]/delivered|read`): the batch with one entry. */
export async function acknowledge(input: {
  userId: string;
  conversationId: string;
  kind: "delivered" | "read";
  upTo: number;
  socketId?: string;
}) {
  const [result] = await acknowledgeMany({
    userId: input.userId,
    marks: [{ conversationId: input.conversationId, [input.kind]: input.upTo }],
    socketId: input.socketId,
  });
  if (!result || "error" in result) {
    throw new AppError(
      (result?.error.code as AppError["code"]) ?? "internal",
      result?.error.message ?? "Ack failed",
    );
  }
  return { deliveredSeq: result.deliveredSeq, readSeq: result.readSeq };
}

async function announce(userId: string, outcomes: AckOutcome[], socketId?: string) {
  const moved = outcomes.flatMap((o) => ("notMember" in o || !o.changed ? [] : [o]));
  const ownMarks = moved
    .filter((o) => o.readMoved)
    .map((o) => ({
      conversationId: o.conversationId,
      lastSeq: o.lastSeq,
      deliveredSeq: o.deliveredSeq,
      readSeq: o.readSeq,
      unreadCount: unreadCount(o.lastSeq, o.readSeq),
    }));
  await Promise.all([
    ownMarks.length > 0 ? notifyOwnMarks(userId, ownMarks, socketId) : undefined,
    ...moved.map((o) => announceReceipts(userId, o)),
  ]);
}

/** The senders of the messages a move covered hear those messages' new receipts. */
function announceReceipts(userId: string, o: Exclude<AckOutcome, { notMember: true }>) {
  const ranges: [number, number][] = [];
  if (o.deliveredMoved) ranges.push([o.deliveredFrom, o.deliveredSeq]);
  if (o.publicRead.to > o.publicRead.from) ranges.push([o.publicRead.from, o.publicRead.to]);
  return Promise.all([
    announceMoves({ userId, conversationId: o.conversationId, ranges }),
    o.editSeen.to > o.editSeen.from
      ? announceEditsSeen({
          userId,
          conversationId: o.conversationId,
          from: o.editSeen.from,
          to: o.editSeen.to,
        })
      : undefined,
  ]);
}

function refused(conversationId: string, error: unknown): AckResult {
  const e = toAppError(error);
  return { conversationId, error: { code: e.code, message: e.message } };
}

const max = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
