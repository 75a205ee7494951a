import "server-only";
import type { ConversationKind } from "@/lib/core/status";
import { idSchema } from "@/lib/core/validations/common";
import {
  conversationExists,
  findFormerWindow,
  findMembership,
  findSendAudience,
} from "@/lib/server/db/conversations";
import { forbidden, notFound } from "@/lib/server/errors";

// Every conversation operation starts here, once: this is where a conversation id is judged
// (malformed or unknown: 404, whoever asks — a route, an action or a page) and membership is
// checked (403). Changing a conversation takes a member; reading it also a former member (removed,
// or who left), up to the line that says so.

/** A conversation id as given (a URL segment, an action's argument); a malformed one names nothing. */
export function conversationIdOf(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw notFound("No such conversation");
  return parsed.data;
}

/** The caller's membership of a conversation: 404 if it doesn't exist, 403 if not a member. */
export async function requireMembership(conversationId: string, userId: string) {
  const id = conversationIdOf(conversationId);
  const { member, exists } = await findMembership(id, userId);
  if (!exists) throw notFound("No such conversation");
  if (!member) throw await refusal(id, userId);
  return {
    ...member,
    conversation: { ...member.conversation, kind: member.conversation.kind as ConversationKind },
  };
}

export type Reader =
  | { former: false; member: Awaited<ReturnType<typeof requireMembership>>; upTo: null }
  | { former: true; member: null; upTo: number };

/**
 * Who may read a conversation: a member (everything), or a former member (what was sent while they
 * were one: up to `upTo`). 404 if it doesn't exist, 403 for anyone else.
 */
export async function requireReader(conversationId: string, userId: string): Promise<Reader> {
  const id = conversationIdOf(conversationId);
  const { member, exists } = await findMembership(id, userId);
  if (!exists) throw notFound("No such conversation");
  if (member) {
    const conversation = { ...member.conversation, kind: member.conversation.kind as ConversationKind };
    return { former: false, member: { ...member, conversation }, upTo: null };
  }
  const window = await findFormerWindow(id, userId);
  if (!window) throw forbidden();
  return { former: true, member: null, upTo: window.leftSeq };
}

/**
 * For a send: the sender's membership and everyone to tell, with the same 404/403 rules as
 * requireMembership, in one query instead of a membership check and a second member lookup.
 */
export async function requireSendAudience(conversationId: string, userId: string) {
  const id = conversationIdOf(conversationId);
  const audience = await findSendAudience(id, userId);
  if (!audience) throw notFound("No such conversation");
  const { sender, ...rest } = audience;
  if (!sender) throw await refusal(id, userId);
  return { ...rest, kind: audience.kind as ConversationKind, sender };
}

/**
 * Why someone found not to be a member (by an operation that checks membership inside its own
 * query, like an ack) may not go on: 404 for a conversation that doesn't exist, else 403.
 */
export async function membershipRefusal(conversationId: string, userId?: string) {
  if (!(await conversationExists(conversationId))) return notFound("No such conversation");
  return userId ? refusal(conversationId, userId) : forbidden();
}

async function refusal(conversationId: string, userId: string) {
  const former = await findFormerWindow(conversationId, userId);
  return former ? forbidden("You're no longer a member of this conversation") : forbidden();
}
