import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { revokeSession } from "@/lib/server/db/sessions";
import { authSecret } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { clientIp } from "@/lib/server/rate-limit";
import { terminateConnections } from "@/lib/server/realtime/users";
import { verifyCredentials } from "./credentials";
import { isLiveToken, userOfToken } from "./session-token";

declare module "next-auth" {
  interface Session {
    user: { id: string; username: string; name: string };
  }
  interface User {
    username?: string;
  }
}

// next-auth's default session lifetime (30 days), the longest a revoked sid must be remembered.
const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

// Config is built per request so AUTH_SECRET is read at run time, not at build time.
export const { handlers, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  // next-auth's own logger writes several coloured lines per error (stack, details): ours writes
  // one redacted JSON line like every other failure. A wrong password is the user's answer, not
  // a server error (and is counted by the sign-in rate limit), so it isn't logged at all.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      log(type === "JWTSessionError" ? "warn" : "error", `auth: ${type}`, { error });
    },
    warn(code) {
      log("warn", `auth: ${code}`);
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => verifyCredentials(credentials, clientIp(request.headers)),
    }),
  ],
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sid === "string") {
        const expiresAt =
          typeof token.exp === "number"
            ? new Date(token.exp * 1000)
            : new Date(Date.now() + SESSION_MAX_AGE_MS);
        await revokeSession(token.sid, expiresAt);
      }
      // This user's open sockets (this device's other tabs, other devices) reconnect and sign in
      // again through the app: a signed-out session gets nothing, the others come back.
      if (typeof token?.sub === "string") await terminateConnections(token.sub);
    },
  },
  callbacks: {
    // Runs whenever next-auth reads a session (its own routes; the app's reads make the same check
    // in userFromCookie): a signed-out session (sid revoked) is no session, even if someone kept a
    // copy of its cookie.
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.username = user.username;
        token.name = user.name;
        token.sid = randomUUID();
        return token;
      }
      return (await isLiveToken(token)) ? token : null;
    },
    // next-auth's own GET /api/auth/session; the app reads sessions with userFromCookie.
    session({ session, token }) {
      session.user = { ...session.user, ...userOfToken(token) };
      return session;
    },
  },
}));
