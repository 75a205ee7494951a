// GET /api/conversations/[id]/members?after= - who is in it, 50 a page (members)
// POST /api/conversations/[id]/members - add people to a group (its admins)
import { addMembersSchema, recipientsQuerySchema } from "@/lib/core/validations/chat";
import { addGroupMembers, listMembers } from "@/lib/server/chat/groups";
import { authedRoute, conversationId, readJson, searchParams } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string }> };

export const GET = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const { after } = recipientsQuerySchema.parse(searchParams(request));
  return json(await listMembers({ userId: user.id, conversationId: id, after }));
});

export const POST = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const { userIds } = addMembersSchema.parse(await readJson(request));
  return json({
    conversation: await addGroupMembers({ userId: user.id, conversationId: id, userIds }),
  });
});
