import "server-only";
import type { Changes, Message } from "@/lib/core/types";
import {
  findMessagesBySeqs,
  listChanges,
  listMessages,
  type MessageRow,
  type Page,
} from "@/lib/server/db/messages";
import { reactionsFor } from "@/lib/server/db/reactions";
import { requireReader } from "./access";
import { ownMessageFacts } from "./receipts";
import { toMessage, toQuote } from "./serialize";

/** A page of a conversation's history (ascending) as the caller sees it. */
export async function getMessages(input: { userId: string; conversationId: string; page: Page }) {
  const reader = await requireReader(input.conversationId, input.userId);
  const conversationId = reader.member?.conversation.id ?? input.conversationId;
  const { messages, hasMore } = await listMessages(conversationId, input.page, {
    userId: input.userId,
    upTo: reader.upTo,
  });
  return { messages: await present(conversationId, input.userId, messages), hasMore };
}

/**
 * What changed since a change sequence — new messages, edits, deletions, reactions — oldest change
 * first, as the caller sees it: how a client that missed events catches up on more than new messages.
 */
export async function getChanges(input: {
  userId: string;
  conversationId: string;
  after: number;
  limit: number;
}): Promise<Changes> {
  const reader = await requireReader(input.conversationId, input.userId);
  const conversationId = reader.member?.conversation.id ?? input.conversationId;
  const { messages, hasMore, changeSeq } = await listChanges(conversationId, {
    after: input.after,
    limit: input.limit,
    viewer: { userId: input.userId, upTo: reader.upTo },
  });
  const presented = await present(conversationId, input.userId, messages);
  return { messages: presented, changeSeq, hasMore };
}

/**
 * Messages as a viewer sees them: quotes of what replies answer, reactions, and on their own
 * messages the receipts (and who saw an edit) — each one query for the whole page.
 */
export async function present(
  conversationId: string,
  viewerId: string,
  rows: MessageRow[],
): Promise<Message[]> {
  const live = rows.filter((r) => r.kind === "text" && !r.deletedAt);
  const own = live.filter((r) => r.sender.id === viewerId);
  const replyTo = [...new Set(live.flatMap((r) => (r.replyToSeq === null ? [] : [r.replyToSeq])))];
  const [facts, quoted, reactions] = await Promise.all([
    ownMessageFacts(
      conversationId,
      viewerId,
      own.map((r) => ({ seq: r.seq, editSeq: r.editSeq })),
    ),
    findMessagesBySeqs(conversationId, replyTo),
    reactionsFor(
      conversationId,
      live.map((r) => r.seq),
      viewerId,
    ),
  ]);
  const quotes = new Map(quoted.map((q) => [q.seq, toQuote(q)]));
  return rows.map((r) =>
    toMessage(r, {
      receipts: facts.receipts.get(r.seq),
      editSeen: facts.editSeen.get(r.seq),
      replyTo: r.replyToSeq === null ? undefined : quotes.get(r.replyToSeq),
      reactions: reactions.get(r.seq),
    }),
  );
}
