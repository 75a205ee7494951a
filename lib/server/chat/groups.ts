import "server-only";
import type { ConversationSummary } from "@/lib/core/types";
import { idSchema } from "@/lib/core/validations/common";
import { GROUP_MAX_MEMBERS } from "@/lib/core/validations/limits";
import { findSummary } from "@/lib/server/db/conversations";
import { memberIdsOf } from "@/lib/server/db/message-changes";
import { addMembers, endMembership, membersPage, renameConversation } from "@/lib/server/db/members";
import type { MessageRow } from "@/lib/server/db/messages";
import { findUsersByIds, type PublicUser } from "@/lib/server/db/users";
import { AppError, forbidden, notFound } from "@/lib/server/errors";
import { notifyMembershipLine } from "@/lib/server/realtime/notify";
import { terminateConnections } from "@/lib/server/realtime/users";
import { requireMembership } from "./access";
import { toMessage, toSummary } from "./serialize";

// Managing a group: its admins rename it and add or remove members; anyone may leave. The lobby and
// direct chats keep their rules (everyone is in the lobby; a direct chat is two people). Each
// change is a system line in the timeline, so every client — and every catch-up — sees it in order.

type Actor = { userId: string; conversationId: string };

async function requireGroup(input: Actor, admin: boolean) {
  const member = await requireMembership(input.conversationId, input.userId);
  if (member.conversation.kind !== "group") {
    throw new AppError("unprocessable", "Only groups can be renamed or have their members changed");
  }
  if (admin && member.role !== "admin") throw forbidden("Only the group's admins can do that");
  return member;
}

async function actorOf(userId: string): Promise<PublicUser> {
  const [user] = await findUsersByIds([userId]);
  if (!user) throw notFound("No such user");
  return { id: user.id, username: user.username, name: user.name };
}

export async function renameGroup(input: Actor & { title: string }): Promise<ConversationSummary> {
  const member = await requireGroup(input, true);
  const conversationId = member.conversation.id;
  if (member.conversation.title !== input.title) {
    const line = await renameConversation({
      conversationId,
      actor: await actorOf(input.userId),
      title: input.title,
    });
    await tell(conversationId, line, { title: input.title });
  }
  return summaryFor(conversationId, input.userId);
}

export async function addGroupMembers(input: Actor & { userIds: string[] }): Promise<ConversationSummary> {
  const member = await requireGroup(input, true);
  const conversationId = member.conversation.id;
  const wanted = [...new Set(input.userIds)].filter((id) => id !== input.userId);
  const current = new Set(await memberIdsOf(conversationId));
  const newIds = wanted.filter((id) => !current.has(id));
  const users = await findUsersByIds(newIds);
  if (users.length !== newIds.length) throw notFound("No such user");
  if (current.size + users.length > GROUP_MAX_MEMBERS) {
    throw new AppError("unprocessable", `A group has at most ${GROUP_MAX_MEMBERS} members`);
  }
  if (users.length > 0) {
    const added = users.map((u) => ({ id: u.id, username: u.username, name: u.name }));
    const line = await addMembers({ conversationId, actor: await actorOf(input.userId), users: added });
    await tell(conversationId, line, { memberCount: current.size + users.length });
  }
  return summaryFor(conversationId, input.userId);
}

export type MemberEntry = { user: PublicUser; role: "admin" | "member" };

/** Who is in a conversation, a page at a time (`next`: the cursor of the following page). */
export async function listMembers(input: Actor & { after?: string }) {
  const member = await requireMembership(input.conversationId, input.userId);
  const { rows, hasMore } = await membersPage(member.conversation.id, input.after);
  const members: MemberEntry[] = rows.map((r) => ({
    user: r.user,
    role: r.role === "admin" ? "admin" : "member",
  }));
  return { members, next: hasMore ? rows.at(-1)!.user.id : null };
}

/** An admin removes someone, or anyone leaves (removing themself). */
export async function removeGroupMember(input: Actor & { targetId: string }): Promise<void> {
  // A malformed id names nobody: the same answer as an unknown one.
  if (!idSchema.safeParse(input.targetId).success) throw notFound("No such member");
  const leaving = input.targetId === input.userId;
  const member = await requireGroup(input, !leaving);
  const conversationId = member.conversation.id;
  const [target] = await findUsersByIds([input.targetId]);
  if (!target) throw notFound("No such member");
  const targetUser = { id: target.id, username: target.username, name: target.name };
  const actor = leaving ? targetUser : await actorOf(input.userId);
  const line = await endMembership({
    conversationId,
    actor,
    target: targetUser,
    system: leaving ? { type: "left" } : { type: "removed", targets: [targetUser] },
  });
  if (!line) throw notFound("No such member");
  await tell(conversationId, line, { memberCount: member.conversation.memberCount - 1 }, target.id);
  // Their open sockets still hold this group's channels (typing, presence): closing them makes
  // every channel pass the membership check again, which this one now fails. After their last
  // event (the line above, marked `left`), so that still reaches them.
  await terminateConnections(target.id);
}

/** The system line to everyone in the group now (and to whoever just left it: their last event). */
async function tell(
  conversationId: string,
  line: MessageRow,
  changes: { title?: string; memberCount?: number },
  leaverId?: string,
) {
  await notifyMembershipLine({
    memberIds: await memberIdsOf(conversationId),
    leaverId,
    line: toMessage(line),
    ...changes,
  });
}

async function summaryFor(conversationId: string, userId: string) {
  const summary = await findSummary(conversationId, userId);
  if (!summary) throw notFound("No such conversation");
  return toSummary(summary);
}
