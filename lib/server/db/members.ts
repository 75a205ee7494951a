import "server-only";
import { prisma } from "./client";
import { appendSystemLine, type MessageRow } from "./messages";
import type { PublicUser } from "./users";

// Group management, each in one transaction with the system line that says what happened
// ("Alice added Dana"), which takes the next seq like any message (docs/architecture.md, "Groups").

export function renameConversation(input: { conversationId: string; actor: PublicUser; title: string }) {
  return prisma.$transaction(async (tx): Promise<MessageRow> => {
    await tx.conversation.update({ where: { id: input.conversationId }, data: { title: input.title } });
    return appendSystemLine(tx, {
      conversationId: input.conversationId,
      actor: input.actor,
      system: { type: "renamed", title: input.title },
    });
  });
}

/**
 * Adds people after a system line that says so: they start just before it — it is theirs to see
 * (and unread), nothing earlier counts them as a recipient.
 */
export function addMembers(input: { conversationId: string; actor: PublicUser; users: PublicUser[] }) {
  return prisma.$transaction(async (tx): Promise<MessageRow> => {
    const line = await appendSystemLine(tx, {
      conversationId: input.conversationId,
      actor: input.actor,
      system: { type: "added", targets: input.users },
    });
    const start = line.seq - 1;
    await tx.member.createMany({
      data: input.users.map((u) => ({
        conversationId: input.conversationId,
        userId: u.id,
        joinedSeq: start,
        deliveredSeq: start,
        readSeq: start,
        publicReadSeq: start,
      })),
    });
    await tx.conversation.update({
      where: { id: input.conversationId },
      data: { memberCount: { increment: input.users.length } },
    });
    return line;
  });
}

/**
 * Ends someone's membership after a system line that says so (removed by an admin, or left): the
 * line is the last thing theirs to see. Their membership becomes a former one, its window and
 * watermarks kept, so they stay a recipient of what came before (its receipts stay true). A group
 * left without an admin gets its longest-standing member as one.
 */
export function endMembership(input: {
  conversationId: string;
  actor: PublicUser;
  target: PublicUser;
  system: unknown;
}) {
  return prisma.$transaction(async (tx): Promise<MessageRow | null> => {
    const member = await tx.member.findUnique({
      where: { conversationId_userId: { conversationId: input.conversationId, userId: input.target.id } },
    });
    if (!member) return null;
    const line = await appendSystemLine(tx, {
      conversationId: input.conversationId,
      actor: input.actor,
      system: input.system,
    });
    // Their own line: they've had it if they removed themselves.
    const own = input.actor.id === input.target.id;
    const after = own
      ? await tx.member.findUniqueOrThrow({
          where: { conversationId_userId: { conversationId: input.conversationId, userId: input.target.id } },
        })
      : member;
    await tx.formerMember.create({
      data: {
        conversationId: input.conversationId,
        userId: input.target.id,
        joinedSeq: after.joinedSeq,
        leftSeq: line.seq,
        deliveredSeq: after.deliveredSeq,
        readSeq: after.readSeq,
        publicReadSeq: after.publicReadSeq,
        editSeenSeq: after.editSeenSeq,
      },
    });
    await tx.member.delete({
      where: { conversationId_userId: { conversationId: input.conversationId, userId: input.target.id } },
    });
    await tx.conversation.update({
      where: { id: input.conversationId },
      data: { memberCount: { decrement: 1 } },
    });
    const admins = await tx.member.count({ where: { conversationId: input.conversationId, role: "admin" } });
    if (admins === 0) {
      const eldest = await tx.member.findFirst({
        where: { conversationId: input.conversationId },
        orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
        select: { userId: true },
      });
      if (eldest) {
        await tx.member.update({
          where: { conversationId_userId: { conversationId: input.conversationId, userId: eldest.userId } },
          data: { role: "admin" },
        });
      }
    }
    return line;
  });
}

export const MEMBERS_PAGE = 50;

/** A page of a conversation's members, by user id after `after`: bounded whatever the group's size. */
export async function membersPage(conversationId: string, after: string | undefined) {
  const rows = await prisma.member.findMany({
    where: { conversationId, ...(after ? { userId: { gt: after } } : {}) },
    orderBy: { userId: "asc" },
    take: MEMBERS_PAGE + 1,
    select: { role: true, user: { select: { id: true, username: true, name: true } } },
  });
  return { rows: rows.slice(0, MEMBERS_PAGE), hasMore: rows.length > MEMBERS_PAGE };
}
