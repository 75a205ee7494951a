import "server-only";
import { findMembership } from "@/lib/db/conversations";
import { forbidden, notFound } from "@/lib/errors";
import type { ConversationKind } from "./status";

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
