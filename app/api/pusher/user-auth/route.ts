// POST /api/pusher/user-auth - sign in a socket as the session's user, with its watchlist (form post from pusher-js's signin)
import { authedRoute, readText } from "@/lib/server/http/route";
import { authenticateUser } from "@/lib/server/realtime/users";
import { pusherUserAuthSchema } from "@/lib/core/validations/chat";
import { json } from "@/lib/server/http/json";

export const POST = authedRoute(async (request, user) => {
  const form = Object.fromEntries(new URLSearchParams(await readText(request)));
  const { socket_id } = pusherUserAuthSchema.parse(form);
  return json(await authenticateUser({ userId: user.id, socketId: socket_id }));
});
