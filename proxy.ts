import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/server/env";
import { contentSecurityPolicy } from "@/lib/server/security-headers";

const PUBLIC_PAGES = ["/login", "/register"];

// Pages only: API routes answer 401 JSON themselves, which is what their clients expect.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Cheap readiness probe for test runners, answered before any auth work.
  if (pathname === "/ping") return new Response("pong");

  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: request.nextUrl.protocol === "https:",
  });
  const isPublic = PUBLIC_PAGES.includes(pathname);
  if (!token && !isPublic) {
    const url = new URL("/login", request.url);
    if (pathname !== "/") url.searchParams.set("callbackUrl", pathname);
    return NextResponse.redirect(url);
  }

  // A fresh nonce per page: Next reads it from the request's CSP header and puts it on its scripts.
  const csp = contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"));
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Not the service worker either (serwist/): it is public, and the browser refuses a redirected one.
export const config = {
  matcher: ["/((?!api/|_next/|serwist/|favicon.ico|icon.svg|.*\\.(?:png|svg|ico|webp)$).*)"],
};
