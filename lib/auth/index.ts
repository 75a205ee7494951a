import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "@/lib/env";
import { clientIp } from "@/lib/rate-limit";
import { verifyCredentials } from "./credentials";

declare module "next-auth" {
  interface Session {
    user: { id: string; username: string; name: string };
  }
  interface User {
    username?: string;
  }
}

// Config is built per request so AUTH_SECRET is read at run time, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => verifyCredentials(credentials, clientIp(request.headers)),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.username = user.username;
        token.name = user.name;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.sub ?? "",
        username: typeof token.username === "string" ? token.username : "",
        name: token.name ?? "",
      };
      return session;
    },
  },
}));
