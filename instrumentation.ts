import type { Instrumentation } from "next";

// Next calls register() once per server process before it serves (never during `next build`, so
// a build needs no secrets). Checking here too means `next start` without scripts/run.ts, or a
// serverless cold start, refuses a bad configuration the same way run.ts does — the rules live in
// lib/server/env.ts. The Node-only code is imported inside the NEXT_RUNTIME branch, which Next resolves
// at build time, so none of it reaches an Edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkAtStartup } = await import("@/lib/server/startup");
    checkAtStartup();
    // A client that drops a request is normal: no "uncaughtException: Error: aborted" line for it.
    const { quietClientAborts } = await import("@/lib/server/client-aborts");
    quietClientAborts();
  }
}

// Errors nothing of ours caught (a page or layout that threw): one structured line, as for the
// API's own (lib/server/errors.ts). Route handlers and server actions catch theirs, so never both.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { log } = await import("@/lib/server/log");
    log("error", "request failed", {
      method: request.method,
      // Without the query string, which may carry anything; headers (cookies) are never logged.
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
      error,
    });
  }
};
