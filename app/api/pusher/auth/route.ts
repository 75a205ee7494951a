// POST /api/pusher/auth - sign a private/presence subscription (form post from pusher-js)
import { authedRoute, readText } from "@/lib/server/http/route";
import { authorizeChannel } from "@/lib/server/realtime/authorize";
import { pusherAuthSchema } from "@/lib/core/validations/chat";
import { json } from "@/lib/server/http/json";

export const POST = authedRoute(async (request, user) => {
  const form = Object.fromEntries(new URLSearchParams(await readText(request)));
  const { socket_id, channel_name } = pusherAuthSchema.parse(form);
  const auth = await authorizeChannel({ userId: user.id, socketId: socket_id, channel: channel_name });
  return json(auth);
});
