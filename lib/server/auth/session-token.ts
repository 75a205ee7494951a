import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { isSessionRevoked } from "@/lib/server/db/sessions";
import { authSecret } from "@/lib/server/env";

export type SessionUser = { id: string; username: string; name: string };

// next-auth's session cookie; the `__Secure-` one is what it sets over https.
export const SESSION_COOKIE = "authjs.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/**
 * A decoded session token is a session only while its id hasn't been revoked (signed out), even
 * if someone kept a copy of its cookie. next-auth's jwt callback (./index.ts) asks the same.
 */
export async function isLiveToken(token: JWT | null): Promise<boolean> {
  return typeof token?.sid === "string" && !(await isSessionRevoked(token.sid));
}

/** Who a session token says is signed in (the claims next-auth's jwt callback wrote at sign-in). */
export function userOfToken(token: JWT): SessionUser {
  return {
    id: token.sub ?? "",
    username: typeof token.username === "string" ? token.username : "",
    name: token.name ?? "",
  };
}

/**
 * The user of a request's `Cookie` header, or null: the session token decrypts with AUTH_SECRET
 * and hasn't expired (next-auth's own reader, chunked cookies included), and it isn't revoked.
 */
export async function userFromCookie(cookie: string): Promise<SessionUser | null> {
  const secureCookie = cookie.includes(SECURE_SESSION_COOKIE);
  // Only the cookie goes in: a bearer token (which getToken would also take) is no session here.
  const token = await getToken({ req: { headers: { cookie } }, secret: authSecret(), secureCookie });
  if (!token?.sub || !(await isLiveToken(token))) return null;
  return userOfToken(token);
}
