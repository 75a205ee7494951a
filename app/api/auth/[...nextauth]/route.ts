// GET|POST /api/auth/* - next-auth (Credentials sign-in, session, sign-out, CSRF)
import { handlers } from "@/lib/server/auth";
import { AppError, toErrorResponse } from "@/lib/server/errors";
import { LIMITS, secondsToWindowEnd } from "@/lib/server/rate-limit";

export const { GET } = handlers;

// next-auth reports a refused sign-in as a redirect; a rate-limited one becomes a real 429 with
// Retry-After, so scripts (the only clients that hit this route in a loop) are told plainly.
export async function POST(request: Parameters<typeof handlers.POST>[0]) {
  const response = await handlers.POST(request);
  const location = response.headers.get("location") ?? "";
  if (/[?&]code=rate_limited\b/.test(location)) {
    const retryAfter = secondsToWindowEnd(LIMITS.signInFailures);
    return toErrorResponse(
      new AppError("rate_limited", "Too many failed sign-ins, try again later", { retryAfter }),
    );
  }
  return response;
}
