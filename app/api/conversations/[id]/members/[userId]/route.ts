// DELETE /api/conversations/[id]/members/[userId] - remove someone from a group (its admins), or leave it (yourself)
import { removeGroupMember } from "@/lib/server/chat/groups";
import { authedRoute, conversationId } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string; userId: string }> };

export const DELETE = authedRoute<Context>(async (_request, user, context) => {
  const id = await conversationId(context);
  const { userId: targetId } = await context.params;
  await removeGroupMember({ userId: user.id, conversationId: id, targetId });
  return json({ ok: true });
});
