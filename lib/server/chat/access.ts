import "server-only";
import { findMembership, findSendAudience } from "@/lib/server/db/conversations";
import { forbidden, notFound } from "@/lib/server/errors";
import type { ConversationKind } from "@/lib/core/status";

/** The caller's membership of a conversation: 404 if it doesn't exist, 403 if not a member. */
export async function requireMembership(conversationId: string, userId: string) {
  const { member, exists } = await findMembership(conversationId, userId);
  if (!exists) throw notFound("No such conversation");
  if (!member) throw forbidden();
  return {
    ...member,
    conversation: { ...member.conversation, kind: member.conversation.kind as ConversationKind },
  };
}

/**
 * For a send: the conversation's members (who to tell), with the same 404/403 rules as
 * requireMembership, in one query instead of a membership check and a second member lookup.
 */
export async function requireSendAudience(conversationId: string, userId: string) {
  const audience = await findSendAudience(conversationId);
  if (!audience) throw notFound("No such conversation");
  const sender = audience.members.find((m) => m.userId === userId);
  if (!sender) throw forbidden();
  return { kind: audience.kind as ConversationKind, members: audience.members, sender };
}
