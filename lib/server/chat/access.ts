import "server-only";
import type { ConversationKind } from "@/lib/core/status";
import { idSchema } from "@/lib/core/validations/common";
import { conversationExists, findMembership, findSendAudience } from "@/lib/server/db/conversations";
import { forbidden, notFound } from "@/lib/server/errors";

// Every conversation operation starts here, once: this is where a conversation id is judged
// (malformed or unknown: 404, whoever asks — a route, an action or a page) and membership is
// checked (403).

/** A conversation id as given (a URL segment, an action's argument); a malformed one names nothing. */
export function conversationIdOf(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw notFound("No such conversation");
  return parsed.data;
}

/** The caller's membership of a conversation: 404 if it doesn't exist, 403 if not a member. */
export async function requireMembership(conversationId: string, userId: string) {
  const { member, exists } = await findMembership(conversationIdOf(conversationId), userId);
  if (!exists) throw notFound("No such conversation");
  if (!member) throw forbidden();
  return {
    ...member,
    conversation: { ...member.conversation, kind: member.conversation.kind as ConversationKind },
  };
}

/**
 * For a send: the sender's membership and everyone to tell, with the same 404/403 rules as
 * requireMembership, in one query instead of a membership check and a second member lookup.
 */
export async function requireSendAudience(conversationId: string, userId: string) {
  const audience = await findSendAudience(conversationIdOf(conversationId), userId);
  if (!audience) throw notFound("No such conversation");
  const { sender, ...rest } = audience;
  if (!sender) throw forbidden();
  return { ...rest, kind: audience.kind as ConversationKind, sender };
}

/**
 * Why someone found not to be a member (by an operation that checks membership inside its own
 * query, like an ack) may not go on: 404 for a conversation that doesn't exist, else 403.
 */
export async function membershipRefusal(conversationId: string) {
  return (await conversationExists(conversationId)) ? forbidden() : notFound("No such conversation");
}
