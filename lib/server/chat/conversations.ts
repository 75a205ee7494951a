import "server-only";
import { PAGE_SIZE, type CreateConversationInput } from "@/lib/core/validations/chat";
import type { ConversationDetail, ConversationSummary } from "@/lib/core/types";
import {
  createConversationWithMembers,
  findDirectConversation,
  findSummary,
  listSummaries,
} from "@/lib/server/db/conversations";
import { listMessages, unseenEditsOf } from "@/lib/server/db/messages";
import { findUser, findUsersByIds } from "@/lib/server/db/users";
import { AppError, notFound } from "@/lib/server/errors";
import { notifyConversationCreated } from "@/lib/server/realtime/notify";
import { requireReader, type Reader } from "./access";
import { lastSeenFor } from "./last-seen";
import { present } from "./messages";
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
  const reader = await requireReader(input.conversationId, input.userId);
  const conversationId = reader.member?.conversation.id ?? input.conversationId;
  const [summary, page, unseenEdits] = await Promise.all([
    findSummary(conversationId, input.userId),
    listMessages(conversationId, { limit: PAGE_SIZE }, { userId: input.userId, upTo: reader.upTo }),
    unseenEditsOf(conversationId, input.userId),
  ]);
  if (!summary) throw notFound("No such conversation");
  const lastSeen =
    summary.kind === "direct" && summary.other
      ? await lastSeenFor(input.userId, summary.other.id)
      : undefined;
  return {
    conversation: toSummary(summary),
    messages: await present(conversationId, input.userId, page.messages),
    hasMore: page.hasMore,
    me: { id: input.userId, shareReadReceipts: await sharesReadReceipts(input.userId, reader) },
    unseenEdits,
    ...(lastSeen ? { lastSeen } : {}),
  };
}

async function sharesReadReceipts(userId: string, reader: Reader) {
  return reader.member
    ? reader.member.user.shareReadReceipts
    : ((await findUser(userId))?.shareReadReceipts ?? true);
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
  // The creator first: they are a group's admin.
  const members = found
    .map((u) => ({ id: u.id, shareReadReceipts: u.shareReadReceipts }))
    .sort((a, b) => Number(b.id === userId) - Number(a.id === userId));

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
