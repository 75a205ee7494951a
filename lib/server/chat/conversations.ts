import "server-only";
import { PAGE_SIZE, type CreateConversationInput } from "@/lib/core/validations/chat";
import type { ConversationDetail, ConversationSummary } from "@/lib/core/types";
import {
  createConversationWithMembers,
  findDirectConversation,
  findSummary,
  listSummaries,
} from "@/lib/server/db/conversations";
import { listMessages } from "@/lib/server/db/messages";
import { findUsersByIds } from "@/lib/server/db/users";
import { AppError, notFound } from "@/lib/server/errors";
import { notifyConversationCreated } from "@/lib/server/realtime/notify";
import { requireMembership } from "./access";
import { withReceipts } from "./messages";
import { toSummary } from "./serialize";

/** The caller's conversations, most recent activity first: one row per conversation. */
export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  return (await listSummaries(userId)).map(toSummary);
}

/** One conversation as it opens: its summary and the latest page, own messages with receipts. */
export async function getConversation(input: {
  userId: string;
  conversationId: string;
}): Promise<ConversationDetail> {
  const member = await requireMembership(input.conversationId, input.userId);
  const conversationId = member.conversation.id;
  const [summary, page] = await Promise.all([
    findSummary(conversationId, input.userId),
    listMessages(conversationId, { limit: PAGE_SIZE }),
  ]);
  if (!summary) throw notFound("No such conversation");
  return {
    conversation: toSummary(summary),
    messages: await withReceipts(conversationId, input.userId, page.messages),
    hasMore: page.hasMore,
    me: { id: input.userId, shareReadReceipts: member.user.shareReadReceipts },
  };
}

/**
 * Starts a direct chat (or returns the existing one: there is exactly one per pair) or a group.
 * `created` is false when the direct chat already existed.
 */
export async function createConversation(input: {
  userId: string;
  data: CreateConversationInput;
}): Promise<{ conversation: ConversationSummary; created: boolean }> {
  const { userId, data } = input;
  const otherIds =
    data.kind === "direct" ? [data.userId] : [...new Set(data.memberIds)].filter((id) => id !== userId);
  if (data.kind === "direct" && data.userId === userId) {
    throw new AppError("unprocessable", "You cannot start a direct chat with yourself");
  }
  if (otherIds.length === 0) throw new AppError("unprocessable", "Add at least one other member");
  const found = await findUsersByIds([userId, ...otherIds]);
  if (found.length !== otherIds.length + 1) throw notFound("No such user");
  const members = found.map((u) => ({ id: u.id, shareReadReceipts: u.shareReadReceipts }));

  if (data.kind === "direct") {
    const key = directKey(userId, data.userId);
    const existing = await findDirectConversation(key);
    if (existing) return { conversation: await summaryFor(existing.id, userId), created: false };
    let created = true;
    const id = await createConversationWithMembers({ kind: "direct", title: null, key, members }).catch(
      async (error: unknown) => {
        // Both people started the chat at once: the unique key kept one; answer with it.
        const raced = await findDirectConversation(key);
        if (!raced) throw error;
        created = false;
        return raced.id;
      },
    );
    if (created) await notifyConversationCreated({ conversationId: id, memberIds: otherIds });
    return { conversation: await summaryFor(id, userId), created };
  }

  const id = await createConversationWithMembers({ kind: "group", title: data.title, key: null, members });
  await notifyConversationCreated({ conversationId: id, memberIds: otherIds });
  return { conversation: await summaryFor(id, userId), created: true };
}

/** One key per unordered pair, so a direct chat between two people is unique. */
function directKey(a: string, b: string) {
  return a < b ? `direct:${a}:${b}` : `direct:${b}:${a}`;
}

/** A conversation the caller just started or joined, as their list shows it. */
async function summaryFor(conversationId: string, userId: string) {
  const summary = await findSummary(conversationId, userId);
  if (!summary) throw notFound("No such conversation");
  return toSummary(summary);
}
