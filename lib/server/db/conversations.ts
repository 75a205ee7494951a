import "server-only";
import type { Prisma } from "./generated/client";
import { prisma, type Tx } from "./client";
import { attachmentSelect } from "./attachments";
import { publicUserSelect } from "./users";

export const LOBBY_KEY = "lobby";

/** Members shown with a conversation; the full watermark list is loaded only for an open one. */
const SUMMARY_MEMBERS = 100;

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  body: true,
  clientId: true,
  createdAt: true,
  sender: { select: publicUserSelect },
  attachments: { select: attachmentSelect, orderBy: { position: "asc" } },
} as const satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

const conversationSummarySelect = {
  id: true,
  kind: true,
  title: true,
  lastSeq: true,
  updatedAt: true,
  members: {
    select: { user: { select: publicUserSelect } },
    orderBy: { createdAt: "asc" },
    take: SUMMARY_MEMBERS,
  },
  messages: { select: messageSelect, orderBy: { seq: "desc" }, take: 1 },
  _count: { select: { members: true } },
} as const satisfies Prisma.ConversationSelect;

export type ConversationSummaryRow = Prisma.ConversationGetPayload<{
  select: typeof conversationSummarySelect;
}>;

/**
 * The caller's membership (with the conversation's kind and lastSeq), or why there is none. Every
 * conversation request starts here, so it is one JOIN rather than one query per relation (what
 * Prisma's nested select does on SQLite).
 */
export async function findMembership(conversationId: string, userId: string) {
  const rows = await prisma.$queryRaw<
    {
      joinedSeq: number;
      deliveredSeq: number;
      readSeq: number;
      kind: string;
      lastSeq: number;
      shares: unknown;
    }[]
  >`
    SELECT m."joinedSeq", m."deliveredSeq", m."readSeq", c."kind", c."lastSeq", u."shareReadReceipts" AS "shares"
    FROM "Member" m
    JOIN "Conversation" c ON c."id" = m."conversationId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."conversationId" = ${conversationId} AND m."userId" = ${userId}`;
  const row = rows[0];
  if (row) {
    const member = {
      joinedSeq: Number(row.joinedSeq),
      deliveredSeq: Number(row.deliveredSeq),
      readSeq: Number(row.readSeq),
      conversation: { id: conversationId, kind: row.kind, lastSeq: Number(row.lastSeq) },
      user: { shareReadReceipts: Boolean(row.shares) },
    };
    return { member, exists: true as const };
  }
  return { member: null, exists: await conversationExists(conversationId) };
}

export async function conversationExists(conversationId: string): Promise<boolean> {
  return (await prisma.conversation.count({ where: { id: conversationId } })) > 0;
}

export function listMembershipsForUser(userId: string) {
  return prisma.member.findMany({
    where: { userId },
    select: { readSeq: true, deliveredSeq: true, conversation: { select: conversationSummarySelect } },
    orderBy: { conversation: { updatedAt: "desc" } },
    take: 200,
  });
}

/** One conversation as a member's list shows it (null if they aren't one). */
export function findMemberSummary(conversationId: string, userId: string) {
  return prisma.member.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    select: { readSeq: true, deliveredSeq: true, conversation: { select: conversationSummarySelect } },
  });
}

/** Every member's watermarks and privacy setting: what status derivation needs. */
export function listMemberWatermarks(conversationId: string) {
  return prisma.member.findMany({
    where: { conversationId },
    select: {
      userId: true,
      joinedSeq: true,
      deliveredSeq: true,
      readSeq: true,
      deliveredAt: true,
      readAt: true,
      user: { select: { ...publicUserSelect, shareReadReceipts: true } },
    },
    orderBy: { createdAt: "asc" },
  });
}

/** Whether the other member of a direct chat shares read receipts (reciprocity). */
export async function otherMemberShares(conversationId: string, userId: string) {
  const rows = await prisma.$queryRaw<{ shares: unknown }[]>`
    SELECT u."shareReadReceipts" AS "shares"
    FROM "Member" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."conversationId" = ${conversationId} AND m."userId" <> ${userId}
    LIMIT 1`;
  return rows[0] ? Boolean(rows[0].shares) : undefined;
}

/**
 * Everything a send needs, in one JOIN: the conversation's kind and every member to tell, with
 * their unread position, privacy setting and public profile (the sender's goes into the message).
 * Null when there is no such conversation.
 */
export async function findSendAudience(conversationId: string) {
  const rows = await prisma.$queryRaw<
    {
      kind: string;
      userId: string | null;
      readSeq: number | null;
      shares: unknown;
      username: string | null;
      name: string | null;
    }[]
  >`
    SELECT c."kind", m."userId", m."readSeq", u."shareReadReceipts" AS "shares", u."username", u."name"
    FROM "Conversation" c
    LEFT JOIN "Member" m ON m."conversationId" = c."id"
    LEFT JOIN "User" u ON u."id" = m."userId"
    WHERE c."id" = ${conversationId}`;
  const first = rows[0];
  if (!first) return null;
  const members = rows.flatMap((r) =>
    r.userId === null
      ? []
      : [
          {
            userId: r.userId,
            readSeq: Number(r.readSeq),
            user: {
              id: r.userId,
              username: r.username ?? "",
              name: r.name ?? "",
              shareReadReceipts: Boolean(r.shares),
            },
          },
        ],
  );
  return { kind: first.kind, members };
}

async function ensureLobby(tx: Tx) {
  return tx.conversation.upsert({
    where: { key: LOBBY_KEY },
    create: { key: LOBBY_KEY, kind: "lobby", title: "Lobby" },
    update: {},
    select: { id: true, lastSeq: true },
  });
}

/** New members start caught up: earlier messages neither count them as recipients nor as unread. */
export async function addMember(tx: Tx, conversationId: string, userId: string, lastSeq: number) {
  await tx.member.upsert({
    where: { conversationId_userId: { conversationId, userId } },
    create: {
      conversationId,
      userId,
      joinedSeq: lastSeq,
      deliveredSeq: lastSeq,
      readSeq: lastSeq,
    },
    update: {},
  });
}

export async function joinLobby(tx: Tx, userId: string) {
  const lobby = await ensureLobby(tx);
  await addMember(tx, lobby.id, userId, lobby.lastSeq);
  return lobby.id;
}

export function findDirectConversation(key: string) {
  return prisma.conversation.findUnique({ where: { key }, select: { id: true } });
}

export async function createConversationWithMembers(data: {
  kind: "direct" | "group";
  title: string | null;
  key: string | null;
  memberIds: string[];
}) {
  return prisma.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({
      data: { kind: data.kind, title: data.title, key: data.key },
      select: { id: true },
    });
    await tx.member.createMany({
      data: data.memberIds.map((userId) => ({ conversationId: conversation.id, userId })),
    });
    return conversation.id;
  });
}

/** Every conversation of a user with their watermarks, and for direct chats the other's privacy. */
export async function listReceiptStatesForUser(userId: string) {
  const memberships = await prisma.member.findMany({
    where: { userId },
    select: {
      conversationId: true,
      deliveredSeq: true,
      readSeq: true,
      conversation: { select: { kind: true } },
    },
  });
  const directIds = memberships.filter((m) => m.conversation.kind === "direct").map((m) => m.conversationId);
  const others = directIds.length
    ? await prisma.member.findMany({
        where: { conversationId: { in: directIds }, userId: { not: userId } },
        select: { conversationId: true, user: { select: { shareReadReceipts: true } } },
      })
    : [];
  const otherShares = new Map(others.map((o) => [o.conversationId, o.user.shareReadReceipts]));
  return memberships.map((m) => ({
    conversationId: m.conversationId,
    kind: m.conversation.kind,
    deliveredSeq: m.deliveredSeq,
    readSeq: m.readSeq,
    otherShares: otherShares.get(m.conversationId),
  }));
}
