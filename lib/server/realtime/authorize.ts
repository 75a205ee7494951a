import "server-only";
import { requireMembership } from "@/lib/server/chat/access";
import { findUser } from "@/lib/server/db/users";
import { AppError, forbidden } from "@/lib/server/errors";
import { parseChannel } from "@/lib/core/realtime/channels";
import { pusherServer } from "./publish";

/**
 * Signs a subscription for pusher-js, only for channels the user may hear: their own user
 * channel, and the conversation and presence channels of conversations they belong to.
 */
export async function authorizeChannel(input: { userId: string; socketId: string; channel: string }) {
  const pusher = pusherServer();
  // Live updates are off: browsers never load pusher-js then, so nothing legitimate asks.
  if (!pusher) throw new AppError("not_found", "Live updates are off on this server");
  const parsed = parseChannel(input.channel);
  if (!parsed) throw forbidden("Unknown channel");
  if (parsed.kind === "user") {
    if (parsed.userId !== input.userId) throw forbidden("Not your channel");
    return pusher.authorizeChannel(input.socketId, input.channel);
  }
  await requireMembership(parsed.conversationId, input.userId).catch(() => {
    // Don't reveal whether a conversation exists to someone outside it.
    throw forbidden();
  });
  if (parsed.kind === "conversation") {
    return pusher.authorizeChannel(input.socketId, input.channel);
  }
  const user = await findUser(input.userId);
  if (!user) throw forbidden();
  return pusher.authorizeChannel(input.socketId, input.channel, {
    user_id: user.id,
    user_info: { name: user.name, username: user.username },
  });
}
