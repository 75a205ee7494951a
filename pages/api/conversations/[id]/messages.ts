// GET /api/conversations/[id]/messages?before|after=seq&limit - a page of history, ascending
// POST /api/conversations/[id]/messages - send (201), or the same clientId again (200, same message)
// Served by the Pages Router through nodeApi: a hot-path route (docs/architecture.md, "The hot path").
import { nodeApi } from "@/lib/server/http/node-api";
import { authedRoute, conversationId, readJson, searchParams } from "@/lib/server/http/route";
import { getMessages } from "@/lib/server/chat/messages";
import { sendMessage } from "@/lib/server/chat/send-message";
import { pageQuerySchema, sendMessageSchema } from "@/lib/core/validations/chat";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string }> };

export const GET = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const page = pageQuerySchema.parse(searchParams(request));
  return json(await getMessages({ userId: user.id, conversationId: id, page }));
});

export const POST = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const input = sendMessageSchema.parse(await readJson(request));
  const { message, created } = await sendMessage({ userId: user.id, conversationId: id, ...input });
  return json({ message }, { status: created ? 201 : 200 });
});

export default nodeApi({ GET, POST }, ["id"]);

// The handler reads the body itself, with its limit (lib/server/http/route.ts).
export const config = { api: { bodyParser: false } };
