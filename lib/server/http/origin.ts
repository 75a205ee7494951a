import "server-only";
import { forbidden } from "@/lib/server/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests a browser sent from another site (CSRF): session cookies ride
 * along with cross-site requests, so the route must check where the request came from.
 * Browsers send Sec-Fetch-Site (and Origin) on such requests; non-browser clients (curl, the
 * benchmark, pusher-js in Node) send neither and are judged by their credentials alone.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw forbidden("Cross-site request refused");
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, file: pages) or garbage: not our origin.
  }
  if (!host || originHost !== host) throw forbidden("Cross-origin request refused");
}
