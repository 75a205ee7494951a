// POST /api/conversations/[id]/messages/[seq]/reactions - put my reaction on a message ({emoji, on: true}) or take it off
import { reactionSchema } from "@/lib/core/validations/chat";
import { reactToMessage } from "@/lib/server/chat/message-actions";
import { authedRoute, conversationId, messageSeq, readJson } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string; seq: string }> };

export const POST = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const seq = await messageSeq(context);
  const { emoji, on, socketId } = reactionSchema.parse(await readJson(request));
  return json({
    message: await reactToMessage({ userId: user.id, conversationId: id, seq, emoji, on, socketId }),
  });
});
