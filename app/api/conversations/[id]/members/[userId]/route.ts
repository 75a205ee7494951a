// DELETE /api/conversations/[id]/members/[userId] - remove someone from a group (its admins), or leave it (yourself)
import { idSchema } from "@/lib/core/validations/common";
import { removeGroupMember } from "@/lib/server/chat/groups";
import { AppError } from "@/lib/server/errors";
import { authedRoute, conversationId } from "@/lib/server/http/route";

type Context = { params: Promise<{ id: string; userId: string }> };

export const DELETE = authedRoute<Context>(async (_request, user, context) => {
  const id = await conversationId(context);
  const target = idSchema.safeParse((await context.params).userId);
  if (!target.success) throw new AppError("not_found", "No such member");
  await removeGroupMember({ userId: user.id, conversationId: id, targetId: target.data });
  return Response.json({ ok: true });
});
