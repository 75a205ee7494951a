// GET /api/conversations - my conversations, newest activity first
// POST /api/conversations - start a direct chat (200 if it exists) or a group (201)
import { authedRoute, readJson } from "@/lib/server/http/route";
import { createConversation, listConversations } from "@/lib/server/chat/conversations";
import { createConversationSchema } from "@/lib/core/validations/chat";
import { json } from "@/lib/server/http/json";

export const GET = authedRoute(async (_request, user) => {
  return json({ conversations: await listConversations(user.id) });
});

export const POST = authedRoute(async (request, user) => {
  const data = createConversationSchema.parse(await readJson(request));
  const { conversation, created } = await createConversation({ userId: user.id, data });
  return json({ conversation }, { status: created ? 201 : 200 });
});
