import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { unauthorized } from "@/lib/server/errors";
import { userFromCookie, type SessionUser } from "./session-token";

export type { SessionUser };

/**
 * The signed-in user, or null, read straight from the session cookie. next-auth's `auth()` would
 * run its whole session endpoint for this — a Request, decrypting the token, encrypting a renewed
 * one, a Response parsed back — which was about half of an ack's time on the server. The checks
 * are the same (./session-token.ts). Nothing is lost with the renewal: called from a page or a
 * route, `auth()` dropped its cookie too (the session lasts its 30 days from sign-in, as before).
 * Read once per server render (`cache`: the chat layout and its page both ask); actions, which
 * have no render, read it on each call, and routes read their own request's (`requestUser`).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> =>
  userFromCookie((await headers()).get("cookie") ?? ""),
);

/** The signed-in user; throws 401 otherwise. */
export async function requireUser(): Promise<SessionUser> {
  return signedIn(await currentUser());
}

/**
 * The signed-in user of a route's request (its Cookie header); throws 401 otherwise. Routes read
 * the request they were handed rather than Next's request scope, which the Pages Router's API
 * routes don't have (lib/server/http/node-api.ts).
 */
export async function requestUser(request: Request): Promise<SessionUser> {
  return signedIn(await userFromCookie(request.headers.get("cookie") ?? ""));
}

function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw unauthorized();
  return user;
}
