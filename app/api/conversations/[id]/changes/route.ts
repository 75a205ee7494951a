// GET /api/conversations/[id]/changes?after=changeSeq&limit - what changed since (new, edited, deleted, reacted to), oldest first
import { changesQuerySchema } from "@/lib/core/validations/chat";
import { getChanges } from "@/lib/server/chat/messages";
import { authedRoute, conversationId, searchParams } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string }> };

export const GET = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const { after, limit } = changesQuerySchema.parse(searchParams(request));
  return json(await getChanges({ userId: user.id, conversationId: id, after, limit }));
});
