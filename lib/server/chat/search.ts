import "server-only";
import { ftsExpression, SEARCH_PAGE, snippetParts, type SearchResults } from "@/lib/core/search";
import type { SearchQuery } from "@/lib/core/validations/search";
import { searchableConversations, searchMessages } from "@/lib/server/db/search";
import { requireReader } from "./access";

/**
 * Messages matching `q`, newest first, in one conversation (its readers: 404/403 as for reading it)
 * or in every chat the user is or was in. Only what the user may read turns up: nothing from before
 * they joined or after they left, nothing deleted for everyone, nothing they deleted for themself.
 */
export async function searchMessagesFor(input: SearchQuery & { userId: string }): Promise<SearchResults> {
  const { userId, q, conversationId } = input;
  if (conversationId !== undefined) await requireReader(conversationId, userId);
  const chats = conversationId !== undefined ? [conversationId] : await searchableConversations(userId);
  const expression = ftsExpression(q, chats);
  if (!expression) return { results: [], next: null };
  const rows = await searchMessages({
    userId,
    expression,
    before: input.before ?? null,
    limit: SEARCH_PAGE + 1,
  });
  const page = rows.slice(0, SEARCH_PAGE);
  return {
    results: page.map((r) => ({
      conversationId: r.conversationId,
      seq: Number(r.seq),
      createdAt: new Date(typeof r.createdAt === "bigint" ? Number(r.createdAt) : r.createdAt).toISOString(),
      sender: { id: r.senderId, name: r.senderName, username: r.senderUsername },
      parts: snippetParts(r.snippet),
    })),
    next: rows.length > SEARCH_PAGE ? Number(page.at(-1)!.pos) : null,
  };
}
