// GET /api/conversations/[id] - one conversation: its summary and the latest page (own messages with receipts)
// PATCH /api/conversations/[id] - rename a group (its admins)
import { renameGroupSchema } from "@/lib/core/validations/chat";
import { getConversation } from "@/lib/server/chat/conversations";
import { renameGroup } from "@/lib/server/chat/groups";
import { authedRoute, conversationId, readJson } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string }> };

export const GET = authedRoute<Context>(async (_request, user, context) => {
  const detail = await getConversation({ userId: user.id, conversationId: await conversationId(context) });
  return json(detail);
});

export const PATCH = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const { title } = renameGroupSchema.parse(await readJson(request));
  return json({ conversation: await renameGroup({ userId: user.id, conversationId: id, title }) });
});
