// GET /api/conversations/[id] - one conversation with members' receipts and the latest page
import { authedRoute, conversationId } from "@/lib/server/http/route";
import { getConversation } from "@/lib/server/chat/conversations";

type Context = { params: Promise<{ id: string }> };

export const GET = authedRoute<Context>(async (_request, user, context) => {
  const detail = await getConversation({ userId: user.id, conversationId: await conversationId(context) });
  return Response.json(detail);
});
