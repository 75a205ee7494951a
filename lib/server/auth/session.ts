import "server-only";
import { unauthorized } from "@/lib/server/errors";
import { auth } from "./index";

export type SessionUser = { id: string; username: string; name: string };

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, username: user.username, name: user.name };
}

/** The signed-in user; throws 401 otherwise. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthorized();
  return user;
}
