import "server-only";
import { Prisma } from "./generated/client";
import { prisma, type Tx } from "./client";
import { listAttachments } from "./attachments";
import type { MessageRow } from "./messages";
import type { PublicUser } from "./users";

export const LOBBY_KEY = "lobby";

/** A conversation as one member's list shows it: O(1) rows per conversation, whatever its history. */
export type SummaryRow = {
  id: string;
  kind: string;
  title: string | null;
  lastSeq: number;
  memberCount: number;
  me: PublicUser;
  deliveredSeq: number;
  readSeq: number;
  lastMessage: MessageRow | null;
  /** A direct chat's other member. */
  other: PublicUser | null;
};

type RawSummary = {
  id: string;
  kind: string;
  title: string | null;
  lastSeq: number | bigint;
  memberCount: number | bigint;
  meId: string;
  meUsername: string;
  meName: string;
  deliveredSeq: number | bigint;
  readSeq: number | bigint;
  lastId: string | null;
  lastBody: string | null;
  lastClientId: string | null;
  lastCreatedAt: Date | string | null;
  lastSenderId: string | null;
  lastSenderUsername: string | null;
  lastSenderName: string | null;
  otherId: string | null;
  otherUsername: string | null;
  otherName: string | null;
};

// The last message is the one at seq = lastSeq (a point lookup on the (conversationId, seq) index),
// not "the newest of the conversation's messages", which SQLite would find by reading them all.
const summarySelect = Prisma.sql`
  SELECT c."id", c."kind", c."title", c."lastSeq", c."memberCount",
         mu."id" AS "meId", mu."username" AS "meUsername", mu."name" AS "meName",
         m."deliveredSeq", m."readSeq",
         lm."id" AS "lastId", lm."body" AS "lastBody", lm."clientId" AS "lastClientId",
         lm."createdAt" AS "lastCreatedAt", lu."id" AS "lastSenderId",
         lu."username" AS "lastSenderUsername", lu."name" AS "lastSenderName",
         ou."id" AS "otherId", ou."username" AS "otherUsername", ou."name" AS "otherName"
  FROM "Member" m
  JOIN "Conversation" c ON c."id" = m."conversationId"
  JOIN "User" mu ON mu."id" = m."userId"
  LEFT JOIN "Message" lm ON lm."conversationId" = c."id" AND lm."seq" = c."lastSeq"
  LEFT JOIN "User" lu ON lu."id" = lm."senderId"
  LEFT JOIN "Member" om ON c."kind" = 'direct' AND om."conversationId" = c."id" AND om."userId" <> m."userId"
  LEFT JOIN "User" ou ON ou."id" = om."userId"`;

function toSummaryRow(r: RawSummary): SummaryRow {
  const lastSeq = Number(r.lastSeq);
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    lastSeq,
    memberCount: Number(r.memberCount),
    me: { id: r.meId, username: r.meUsername, name: r.meName },
    deliveredSeq: Number(r.deliveredSeq),
    readSeq: Number(r.readSeq),
    lastMessage:
      r.lastId === null
        ? null
        : {
            id: r.lastId,
            conversationId: r.id,
            seq: lastSeq,
            body: r.lastBody ?? "",
            clientId: r.lastClientId ?? "",
            createdAt: new Date(r.lastCreatedAt ?? 0),
            sender: {
              id: r.lastSenderId ?? "",
              username: r.lastSenderUsername ?? "",
              name: r.lastSenderName ?? "",
            },
            attachments: [],
          },
    other:
      r.otherId === null ? null : { id: r.otherId, username: r.otherUsername ?? "", name: r.otherName ?? "" },
  };
}

/** A user's conversations, most recent activity first (at most 200). */
export async function listSummaries(userId: string): Promise<SummaryRow[]> {
  const rows = await prisma.$queryRaw<RawSummary[]>`
    ${summarySelect}
    WHERE m."userId" = ${userId}
    ORDER BY c."updatedAt" DESC
    LIMIT 200`;
  return withAttachments(rows.map(toSummaryRow));
}

/** One conversation as a member's list shows it (null if they aren't one). */
export async function findSummary(conversationId: string, userId: string): Promise<SummaryRow | null> {
  const rows = await prisma.$queryRaw<RawSummary[]>`
    ${summarySelect}
    WHERE m."conversationId" = ${conversationId} AND m."userId" = ${userId}`;
  return rows[0] ? (await withAttachments([toSummaryRow(rows[0])]))[0]! : null;
}

// The list previews a last message by what it carries ("📷 Photo"): one indexed query for all of
// them (messageId index; ≤ 200 messages × ≤ 10 files), kept out of the row query so that stays
// one row per conversation.
async function withAttachments(rows: SummaryRow[]): Promise<SummaryRow[]> {
  const ids = rows.flatMap((r) => (r.lastMessage ? [r.lastMessage.id] : []));
  if (ids.length === 0) return rows;
  const byMessage = await listAttachments(ids);
  if (byMessage.size === 0) return rows;
  for (const r of rows) {
    if (r.lastMessage) r.lastMessage.attachments = byMessage.get(r.lastMessage.id) ?? [];
  }
  return rows;
}

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
      publicReadSeq: number;
      peerReadCap: number | null;
      kind: string;
      lastSeq: number;
      memberCount: number;
      shares: unknown;
    }[]
  >`
    SELECT m."joinedSeq", m."deliveredSeq", m."readSeq", m."publicReadSeq", m."peerReadCap",
           c."kind", c."lastSeq", c."memberCount", u."shareReadReceipts" AS "shares"
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
      publicReadSeq: Number(row.publicReadSeq),
      peerReadCap: row.peerReadCap === null ? null : Number(row.peerReadCap),
      conversation: {
        id: conversationId,
        kind: row.kind,
        lastSeq: Number(row.lastSeq),
        memberCount: Number(row.memberCount),
      },
      user: { shareReadReceipts: Boolean(row.shares) },
    };
    return { member, exists: true as const };
  }
  return { member: null, exists: await conversationExists(conversationId) };
}

export async function conversationExists(conversationId: string): Promise<boolean> {
  return (await prisma.conversation.count({ where: { id: conversationId } })) > 0;
}

/**
 * Everything a send needs, in one query: the conversation's kind, the sender's profile and
 * privacy setting (null when not a member), and every member's id (who to tell — the fan-out is
 * inherently one channel per member). Null when there is no such conversation.
 */
export async function findSendAudience(conversationId: string, senderId: string) {
  const rows = await prisma.$queryRaw<
    {
      kind: string;
      memberCount: number | bigint;
      userId: string | null;
      deliveredSeq: number | bigint | null;
      publicReadSeq: number | bigint | null;
      peerReadCap: number | bigint | null;
      username: string | null;
      name: string | null;
      shares: unknown;
    }[]
  >`
    SELECT c."kind", c."memberCount", m."userId", m."deliveredSeq", m."publicReadSeq", m."peerReadCap",
           u."username", u."name", u."shareReadReceipts" AS "shares"
    FROM "Conversation" c
    LEFT JOIN "Member" m ON m."conversationId" = c."id"
    LEFT JOIN "User" u ON u."id" = m."userId" AND m."userId" = ${senderId}
    WHERE c."id" = ${conversationId}`;
  const first = rows[0];
  if (!first) return null;
  const me = rows.find((r) => r.userId === senderId);
  return {
    kind: first.kind,
    memberCount: Number(first.memberCount),
    memberIds: rows.flatMap((r) => (r.userId === null ? [] : [r.userId])),
    sender: me
      ? {
          profile: { id: senderId, username: me.username ?? "", name: me.name ?? "" },
          shareReadReceipts: Boolean(me.shares),
          deliveredSeq: Number(me.deliveredSeq),
          publicReadSeq: Number(me.publicReadSeq),
          peerReadCap: me.peerReadCap === null ? null : Number(me.peerReadCap),
        }
      : null,
  };
}

async function ensureLobby(tx: Tx) {
  return tx.conversation.upsert({
    where: { key: LOBBY_KEY },
    create: { key: LOBBY_KEY, kind: "lobby", title: "Lobby" },
    update: {},
    select: { id: true, lastSeq: true },
  });
}

/**
 * New members start caught up: earlier messages neither count them as recipients nor as unread.
 * Keeps the conversation's memberCount with the rows.
 */
export async function addMember(tx: Tx, conversationId: string, userId: string, lastSeq: number) {
  const added = await tx.$executeRaw`
    INSERT OR IGNORE INTO "Member"
      ("conversationId", "userId", "joinedSeq", "deliveredSeq", "readSeq", "publicReadSeq", "createdAt")
    VALUES (${conversationId}, ${userId}, ${lastSeq}, ${lastSeq}, ${lastSeq}, ${lastSeq}, ${new Date()})`;
  if (added > 0) {
    await tx.$executeRaw`
      UPDATE "Conversation" SET "memberCount" = "memberCount" + ${added} WHERE "id" = ${conversationId}`;
  }
}

export async function joinLobby(tx: Tx, userId: string) {
  const lobby = await ensureLobby(tx);
  await addMember(tx, lobby.id, userId, lobby.lastSeq);
  return lobby.id;
}

export function findDirectConversation(key: string) {
  return prisma.conversation.findUnique({ where: { key }, select: { id: true } });
}

/** A new conversation and its members (all at seq 0); a direct chat's caps follow its members' privacy. */
export async function createConversationWithMembers(data: {
  kind: "direct" | "group";
  title: string | null;
  key: string | null;
  members: { id: string; shareReadReceipts: boolean }[];
}) {
  return prisma.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({
      data: { kind: data.kind, title: data.title, key: data.key, memberCount: data.members.length },
      select: { id: true },
    });
    await tx.member.createMany({
      data: data.members.map((m) => ({
        conversationId: conversation.id,
        userId: m.id,
        // Who hides their read receipts sees none from the other side of a direct chat.
        peerReadCap: data.kind === "direct" && !m.shareReadReceipts ? 0 : null,
      })),
    });
    return conversation.id;
  });
}
