import "server-only";
import { directPeerIds, findUser } from "@/lib/server/db/users";
import { AppError, unauthorized } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { pusherServer } from "./publish";

// Pusher's watchlist holds at most 100 user ids (pusher/docs watchlist-events.md).
export const WATCHLIST_MAX = 100;

/**
 * Signs in a socket as the user (pusher-js's `pusher.signin()`), with a watchlist of the people
 * they share direct chats with, most recent first: the online dots come from its events, one
 * sign-in per connection instead of a presence subscription per direct chat.
 */
export async function authenticateUser(input: { userId: string; socketId: string }) {
  const pusher = pusherServer();
  if (!pusher) throw new AppError("not_found", "Live updates are off on this server");
  const [user, watchlist] = await Promise.all([
    findUser(input.userId),
    directPeerIds(input.userId, WATCHLIST_MAX),
  ]);
  // A session of an account that is gone signs nothing in.
  if (!user) throw unauthorized();
  return pusher.authenticateUser(input.socketId, {
    id: user.id,
    user_info: { name: user.name, username: user.username },
    watchlist,
  });
}

/**
 * Closes every realtime connection signed in as this user (sign-out, removal from a group): their
 * sockets stop hearing anything at once, and reconnect only through the app's authorisation
 * again. After the commit, and never failing the request: the database is the truth.
 */
export async function terminateConnections(userId: string): Promise<void> {
  const pusher = pusherServer();
  if (!pusher) return;
  try {
    await pusher.terminateUserConnections(userId);
  } catch (error) {
    log("warn", "realtime: terminate_connections failed", {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
