// Who is signed in for the current request. next-auth's auth() needs a Next request scope, so the
// tests replace lib/server/auth/session (see setup.ts) with this: each call runs as the user it names,
// even when many calls run concurrently.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionUser } from "@/lib/server/auth/session";

const signedIn = new AsyncLocalStorage<SessionUser | null>();

export function runAs<T>(user: SessionUser | null, fn: () => T): T {
  return signedIn.run(user, fn);
}

export function sessionUser(): SessionUser | null {
  return signedIn.getStore() ?? null;
}
