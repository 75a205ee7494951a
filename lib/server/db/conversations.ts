import "server-only";
import { Prisma } from "./generated/client";
import { prisma, type Tx } from "./client";
import { listAttachments } from "./attachments";
import { query } from "./sql";
import type { MessageRow } from "./messages";
import type { PublicUser } from "./users";

export const LOBBY_KEY = "lobby";

/** A conversation as one member's list shows it: O(1) rows per conversation, whatever its history. */
export type SummaryRow = {
  id: string;
  kind: string;
  title: string | null;
  lastSeq: number;
  changeSeq: number;
  memberCount: number;
  /** The caller's role; null for a conversation they were removed from or left (read-only). */
  role: string | null;
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
  changeSeq: number | bigint;
  memberCount: number | bigint;
  role: string | null;
  meId: string;
  meUsername: string;
  meName: string;
  deliveredSeq: number | bigint;
  readSeq: number | bigint;
  lastId: string | null;
  lastBody: string | null;
  lastKind: string | null;
  lastSystem: string | null;
  lastDeletedAt: Date | string | null;
  lastEditedAt: Date | string | null;
  lastChangeSeq: number | bigint | null;
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
const lastMessageColumns = Prisma.sql`
  lm."id" AS "lastId", lm."body" AS "lastBody", lm."clientId" AS "lastClientId", lm."kind" AS "lastKind",
  lm."system" AS "lastSystem", lm."deletedAt" AS "lastDeletedAt", lm."editedAt" AS "lastEditedAt",
  lm."changeSeq" AS "lastChangeSeq", lm."createdAt" AS "lastCreatedAt", lu."id" AS "lastSenderId",
  lu."username" AS "lastSenderUsername", lu."name" AS "lastSenderName"`;

const summarySelect = Prisma.sql`
  SELECT c."id", c."kind", c."title", c."lastSeq", c."changeSeq", c."memberCount", m."role",
         mu."id" AS "meId", mu."username" AS "meUsername", mu."name" AS "meName",
         m."deliveredSeq", m."readSeq", ${lastMessageColumns},
         ou."id" AS "otherId", ou."username" AS "otherUsername", ou."name" AS "otherName"
  FROM "Member" m
  JOIN "Conversation" c ON c."id" = m."conversationId"
  JOIN "User" mu ON mu."id" = m."userId"
  LEFT JOIN "Message" lm ON lm."conversationId" = c."id" AND lm."seq" = c."lastSeq"
  LEFT JOIN "User" lu ON lu."id" = lm."senderId"
  LEFT JOIN "Member" om ON c."kind" = 'direct' AND om."conversationId" = c."id" AND om."userId" <> m."userId"
  LEFT JOIN "User" ou ON ou."id" = om."userId"`;

// A conversation someone was removed from (or left), as they may still see it: up to the line that
// says so, read-only. Their latest window only.
const formerSelect = Prisma.sql`
  SELECT c."id", c."kind", c."title", f."leftSeq" AS "lastSeq", c."changeSeq", c."memberCount",
         NULL AS "role", mu."id" AS "meId", mu."username" AS "meUsername", mu."name" AS "meName",
         f."deliveredSeq", f."readSeq", ${lastMessageColumns},
         NULL AS "otherId", NULL AS "otherUsername", NULL AS "otherName"
  FROM "FormerMember" f
  JOIN "Conversation" c ON c."id" = f."conversationId"
  JOIN "User" mu ON mu."id" = f."userId"
  LEFT JOIN "Message" lm ON lm."conversationId" = c."id" AND lm."seq" = f."leftSeq"
  LEFT JOIN "User" lu ON lu."id" = lm."senderId"`;

function toSummaryRow(r: RawSummary): SummaryRow {
  const lastSeq = Number(r.lastSeq);
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    lastSeq,
    changeSeq: Number(r.changeSeq),
    memberCount: Number(r.memberCount),
    role: r.role,
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
            kind: r.lastKind ?? "text",
            system: r.lastSystem,
            replyToSeq: null,
            editedAt: date(r.lastEditedAt),
            deletedAt: date(r.lastDeletedAt),
            changeSeq: Number(r.lastChangeSeq ?? 0),
            editSeq: null,
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

/**
 * A user's conversations, most recent activity first (at most 200), then the ones they were removed
 * from or left (read-only, latest window each, not the ones they are back in).
 */
export async function listSummaries(userId: string): Promise<SummaryRow[]> {
  const [current, former] = await Promise.all([
    prisma.$queryRaw<RawSummary[]>`
      ${summarySelect}
      WHERE m."userId" = ${userId}
      ORDER BY c."updatedAt" DESC
      LIMIT 200`,
    prisma.$queryRaw<RawSummary[]>`
      ${formerSelect}
      WHERE f."userId" = ${userId}
        AND f."leftSeq" = (SELECT MAX(f2."leftSeq") FROM "FormerMember" f2
                           WHERE f2."userId" = f."userId" AND f2."conversationId" = f."conversationId")
        AND NOT EXISTS (SELECT 1 FROM "Member" m WHERE m."conversationId" = f."conversationId" AND m."userId" = f."userId")
      ORDER BY f."leftSeq" DESC
      LIMIT 50`,
  ]);
  return withAttachments([...current, ...former].map(toSummaryRow));
}

/** One conversation as a member (or a former member, read-only) sees it in their list. */
export async function findSummary(conversationId: string, userId: string): Promise<SummaryRow | null> {
  const rows = await prisma.$queryRaw<RawSummary[]>`
    ${summarySelect}
    WHERE m."conversationId" = ${conversationId} AND m."userId" = ${userId}`;
  if (rows[0]) return (await withAttachments([toSummaryRow(rows[0])]))[0]!;
  const former = await prisma.$queryRaw<RawSummary[]>`
    ${formerSelect}
    WHERE f."conversationId" = ${conversationId} AND f."userId" = ${userId}
    ORDER BY f."leftSeq" DESC LIMIT 1`;
  return former[0] ? (await withAttachments([toSummaryRow(former[0])]))[0]! : null;
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
      role: string;
      kind: string;
      title: string | null;
      lastSeq: number;
      memberCount: number;
      shares: unknown;
    }[]
  >`
    SELECT m."joinedSeq", m."deliveredSeq", m."readSeq", m."publicReadSeq", m."peerReadCap", m."role",
           c."kind", c."title", c."lastSeq", c."memberCount", u."shareReadReceipts" AS "shares"
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
      role: row.role,
      conversation: {
        id: conversationId,
        kind: row.kind,
        title: row.title,
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
  // Past Prisma (sql.ts): every send asks. One row: the member ids come as one string, read off
  // the primary key's index alone — a row per member (a Lobby of 200: 200 objects) was most of
  // what a send to a big group cost beyond its triggers.
  const [row] = await query<{
    kind: string;
    memberCount: number | bigint;
    memberIds: string | null;
    userId: string | null;
    deliveredSeq: number | bigint | null;
    publicReadSeq: number | bigint | null;
    peerReadCap: number | bigint | null;
    username: string | null;
    name: string | null;
    shares: unknown;
  }>(Prisma.sql`
    SELECT c."kind", c."memberCount",
           (SELECT group_concat(a."userId", ' ') FROM "Member" a WHERE a."conversationId" = c."id") AS "memberIds",
           m."userId", m."deliveredSeq", m."publicReadSeq", m."peerReadCap",
           u."username", u."name", u."shareReadReceipts" AS "shares"
    FROM "Conversation" c
    LEFT JOIN "Member" m ON m."conversationId" = c."id" AND m."userId" = ${senderId}
    LEFT JOIN "User" u ON u."id" = m."userId"
    WHERE c."id" = ${conversationId}`);
  if (!row) return null;
  return {
    kind: row.kind,
    memberCount: Number(row.memberCount),
    // Ids are letters and digits (ids.ts): a space can't be part of one.
    memberIds: row.memberIds ? row.memberIds.split(" ") : [],
    sender:
      row.userId === senderId
        ? {
            profile: { id: senderId, username: row.username ?? "", name: row.name ?? "" },
            shareReadReceipts: Boolean(row.shares),
            deliveredSeq: Number(row.deliveredSeq),
            publicReadSeq: Number(row.publicReadSeq),
            peerReadCap: row.peerReadCap === null ? null : Number(row.peerReadCap),
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

/**
 * A new conversation and its members (all at seq 0; the first, its creator, a group's admin); a
 * direct chat's caps follow its members' privacy.
 */
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
      data: data.members.map((m, i) => ({
        conversationId: conversation.id,
        userId: m.id,
        // The first is who started it: a group's creator manages it.
        role: data.kind === "group" && i === 0 ? "admin" : "member",
        // Who hides their read receipts sees none from the other side of a direct chat.
        peerReadCap: data.kind === "direct" && !m.shareReadReceipts ? 0 : null,
      })),
    });
    return conversation.id;
  });
}

/** A user's latest ended membership of a conversation (removed, or left), if any. */
export function findFormerWindow(conversationId: string, userId: string) {
  return prisma.formerMember.findFirst({
    where: { conversationId, userId },
    orderBy: { leftSeq: "desc" },
    select: { joinedSeq: true, leftSeq: true },
  });
}
