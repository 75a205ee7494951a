// PATCH /api/conversations/[id]/messages/[seq] - edit my message (within the edit window)
// DELETE /api/conversations/[id]/messages/[seq]?for=everyone|me - delete my message for everyone, or any for me
import { deleteMessageQuerySchema, editMessageSchema } from "@/lib/core/validations/chat";
import { deleteMessage, editMessage } from "@/lib/server/chat/message-actions";
import { authedRoute, conversationId, messageSeq, readJson, searchParams } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string; seq: string }> };

export const PATCH = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const seq = await messageSeq(context);
  const { body, socketId } = editMessageSchema.parse(await readJson(request));
  return json({
    message: await editMessage({ userId: user.id, conversationId: id, seq, body, socketId }),
  });
});

export const DELETE = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const seq = await messageSeq(context);
  const query = deleteMessageQuerySchema.parse(searchParams(request));
  const message = await deleteMessage({ userId: user.id, conversationId: id, seq, for: query.for });
  return json({ message });
});
