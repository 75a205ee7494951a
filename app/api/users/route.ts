// GET /api/users?q= - find people to chat with (at most 20)
import { authedRoute, searchParams } from "@/lib/server/http/route";
import { searchUsers } from "@/lib/server/chat/users";
import { userSearchSchema } from "@/lib/core/validations/chat";
import { json } from "@/lib/server/http/json";

export const GET = authedRoute(async (request, user) => {
  const { q } = userSearchSchema.parse(searchParams(request));
  return json({ users: await searchUsers({ userId: user.id, q }) });
});
