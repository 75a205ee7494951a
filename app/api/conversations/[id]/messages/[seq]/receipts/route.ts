// GET /api/conversations/[id]/messages/[seq]/receipts?after= - message info: who got my message, and when (a page)
import { recipientsQuerySchema } from "@/lib/core/validations/chat";
import { getMessageReceipts } from "@/lib/server/chat/message-receipts";
import { authedRoute, conversationId, messageSeq, searchParams } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string; seq: string }> };

export const GET = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const seq = await messageSeq(context);
  const { after } = recipientsQuerySchema.parse(searchParams(request));
  return json(await getMessageReceipts({ userId: user.id, conversationId: id, seq, after }));
});
