// GET /api/conversations/[id]/messages/[seq]/receipts - message info: who got my message, and when
import { authedRoute, conversationId } from "@/lib/server/http/route";
import { getMessageReceipts } from "@/lib/server/chat/message-receipts";
import { AppError } from "@/lib/server/errors";
import { seqParamSchema } from "@/lib/core/validations/common";

type Context = { params: Promise<{ id: string; seq: string }> };

export const GET = authedRoute<Context>(async (_request, user, context) => {
  const id = await conversationId(context);
  const seq = seqParamSchema.safeParse((await context.params).seq);
  if (!seq.success) throw new AppError("not_found", "No such message");
  return Response.json(await getMessageReceipts({ userId: user.id, conversationId: id, seq: seq.data }));
});
