import "server-only";
import { MATCH_END, MATCH_START } from "@/lib/core/search";
import { prisma } from "./client";

// Message search through the FTS5 index "MessageSearch" (migration 20261202120000_message_search):
// Prisma can't model a virtual table, so these are raw statements, kept here with the rest of the
// database access.

/** How many of a user's chats one search across chats looks in (a MATCH expression names each). */
export const SEARCH_CHATS_MAX = 500;

/** The conversations a user is or was in (current memberships and ended ones), bounded. */
export async function searchableConversations(userId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ conversationId: string }[]>`
    SELECT "conversationId" FROM "Member" WHERE "userId" = ${userId}
    UNION
    SELECT "conversationId" FROM "FormerMember" WHERE "userId" = ${userId}
    LIMIT ${SEARCH_CHATS_MAX}`;
  return rows.map((r) => r.conversationId);
}

export type SearchRow = {
  pos: number | bigint;
  conversationId: string;
  seq: number | bigint;
  createdAt: Date | string | number;
  snippet: string;
  senderId: string;
  senderName: string;
  senderUsername: string;
};

/**
 * Matches of `expression`, newest first, below the index position `before`, as `userId` may see
 * them: only text messages not deleted, inside one of their membership windows (after they joined;
 * up to the line that says they left, for a membership that ended), not hidden by them. The index
 * drives the loop (CROSS JOIN keeps it outermost, in its rowid order): the expression already
 * limits it to the user's chats, and each candidate costs point lookups on primary keys.
 */
export function searchMessages(input: {
  userId: string;
  expression: string;
  before: number | null;
  limit: number;
}): Promise<SearchRow[]> {
  const { userId, expression, limit } = input;
  const before = input.before ?? Number.MAX_SAFE_INTEGER;
  return prisma.$queryRaw<SearchRow[]>`
    SELECT s."rowid" AS "pos", m."conversationId", m."seq", m."createdAt",
           snippet("MessageSearch", 0, ${MATCH_START}, ${MATCH_END}, '…', 16) AS "snippet",
           u."id" AS "senderId", u."name" AS "senderName", u."username" AS "senderUsername"
    FROM "MessageSearch" s
    CROSS JOIN "Message" m ON m."rowid" = s."rowid"
    CROSS JOIN "User" u ON u."id" = m."senderId"
    WHERE "MessageSearch" MATCH ${expression}
      AND s."rowid" < ${before}
      AND m."kind" = 'text' AND m."deletedAt" IS NULL
      AND (
        EXISTS (SELECT 1 FROM "Member" w
                WHERE w."conversationId" = m."conversationId" AND w."userId" = ${userId}
                  AND m."seq" > w."joinedSeq")
        OR EXISTS (SELECT 1 FROM "FormerMember" f
                   WHERE f."userId" = ${userId} AND f."conversationId" = m."conversationId"
                     AND m."seq" > f."joinedSeq" AND m."seq" <= f."leftSeq")
      )
      AND NOT EXISTS (SELECT 1 FROM "HiddenMessage" h
                      WHERE h."userId" = ${userId} AND h."conversationId" = m."conversationId"
                        AND h."seq" = m."seq")
    ORDER BY s."rowid" DESC
    LIMIT ${limit}`;
}
