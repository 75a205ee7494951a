// GET /api/search?q=&conversationId=&before= - messages I may read that match, newest first
import { authedRoute, searchParams } from "@/lib/server/http/route";
import { searchMessagesFor } from "@/lib/server/chat/search";
import { searchQuerySchema } from "@/lib/core/validations/search";
import { json } from "@/lib/server/http/json";

export const GET = authedRoute(async (request, user) => {
  const query = searchQuerySchema.parse(searchParams(request));
  return json(await searchMessagesFor({ userId: user.id, ...query }));
});
