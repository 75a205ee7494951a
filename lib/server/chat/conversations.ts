import "server-only";
import {
  createConversationWithMembers,
  findDirectConversation,
  findMemberSummary,
  listMembershipsForUser,
} from "@/lib/server/db/conversations";
import { listMessages } from "@/lib/server/db/messages";
import { findUsersByIds } from "@/lib/server/db/users";
import { AppError, notFound } from "@/lib/server/errors";
import { notifyConversationCreated } from "@/lib/server/realtime/notify";
import { PAGE_SIZE, type CreateConversationInput } from "@/lib/core/validations/chat";
import { conversationIdOf, membershipRefusal } from "./access";
import { toMessage, toSummary } from "./serialize";
import type { ConversationDetail, ConversationSummary } from "@/lib/core/types";
import { loadWatermarks } from "./watermarks-view";

/** The caller's conversations, most recent activity first. */
export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  const memberships = await listMembershipsForUser(userId);
  return memberships.map((m) => toSummary(m.conversation, userId, m));
}

/** One conversation as it opens: summary, members' receipt state and the latest page. */
export async function getConversation(input: {
  userId: string;
  conversationId: string;
}): Promise<ConversationDetail> {
  const conversationId = conversationIdOf(input.conversationId);
  // The summary with my watermarks is also the membership check.
  const mine = await findMemberSummary(conversationId, input.userId);
  if (!mine) throw await membershipRefusal(conversationId);
  const conversation = toSummary(mine.conversation, input.userId, mine);
  const [page, view] = await Promise.all([
    listMessages(conversationId, { limit: PAGE_SIZE }),
    loadWatermarks(conversationId, input.userId, conversation.kind),
  ]);
  return {
    conversation,
    members: view.members,
    messages: page.messages.map((m) => toMessage(m, input.userId, view.watermarks)),
    hasMore: page.hasMore,
    me: view.viewer,
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
  const found = await findUsersByIds(otherIds);
  if (found.length !== otherIds.length) throw notFound("No such user");

  if (data.kind === "direct") {
    const key = directKey(userId, data.userId);
    const existing = await findDirectConversation(key);
    if (existing) return { conversation: await summaryFor(existing.id, userId), created: false };
    let created = true;
    const id = await createConversationWithMembers({
      kind: "direct",
      title: null,
      key,
      memberIds: [userId, data.userId],
    }).catch(async (error: unknown) => {
      // Both people started the chat at once: the unique key kept one; answer with it.
      const raced = await findDirectConversation(key);
      if (!raced) throw error;
      created = false;
      return raced.id;
    });
    if (created) await notifyConversationCreated({ conversationId: id, memberIds: otherIds });
    return { conversation: await summaryFor(id, userId), created };
  }

  const id = await createConversationWithMembers({
    kind: "group",
    title: data.title,
    key: null,
    memberIds: [userId, ...otherIds],
  });
  await notifyConversationCreated({ conversationId: id, memberIds: otherIds });
  return { conversation: await summaryFor(id, userId), created: true };
}

/** One key per unordered pair, so a direct chat between two people is unique. */
function directKey(a: string, b: string) {
  return a < b ? `direct:${a}:${b}` : `direct:${b}:${a}`;
}

/** A conversation the caller just started or joined, as their list shows it. */
async function summaryFor(conversationId: string, userId: string) {
  const mine = await findMemberSummary(conversationId, userId);
  if (!mine) throw notFound("No such conversation");
  return toSummary(mine.conversation, userId, mine);
}
