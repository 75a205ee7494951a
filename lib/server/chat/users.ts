import "server-only";
import { findUser, searchUsers as searchUserRows } from "@/lib/server/db/users";

const SEARCH_LIMIT = 20;

/** Other users whose username or name contains `q` (everyone, alphabetically, for an empty q). */
export function searchUsers(input: { userId: string; q: string }) {
  return searchUserRows({ q: input.q, excludeId: input.userId, take: SEARCH_LIMIT });
}

/** The account behind a session, or null if it no longer exists. */
export async function getAccount(userId: string) {
  const user = await findUser(userId);
  return (
    user && {
      id: user.id,
      username: user.username,
      name: user.name,
      shareReadReceipts: user.shareReadReceipts,
      shareLastSeen: user.shareLastSeen,
    }
  );
}
