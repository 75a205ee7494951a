import "server-only";
import { env, publicRealtimeConfig, storageConfig } from "./env";
import { storeOrigin } from "./storage/settings";

/** Where the browser's realtime connection goes: the only non-self origin pages may connect to. */
function realtimeOrigins(): string[] {
  const c = publicRealtimeConfig();
  // Live updates off: the page talks to nothing but its own origin.
  if (!c.enabled) return [];
  if (c.wsHost) {
    const port = c.wsPort ? `:${c.wsPort}` : "";
    return [`${c.forceTLS ? "wss" : "ws"}://${c.wsHost}${port}`];
  }
  // Hosted Pusher: WebSocket first, then its HTTP fallbacks.
  const cluster = c.cluster || "mt1";
  return [`wss://ws-${cluster}.pusher.com`, `https://sockjs-${cluster}.pusher.com`];
}

/** Where attachments live: pictures load from it and uploads PUT to it (nothing else does). */
function storeOrigins(): string[] {
  const config = storageConfig();
  return config ? [storeOrigin(config)] : [];
}

/**
 * The pages' Content Security Policy: scripts only with this response's nonce (Next puts it on
 * its own scripts) — no 'unsafe-inline' scripts; styles may be inline (React style attributes).
 * Development adds 'unsafe-eval' and ws: for Next's hot reloading.
 */
export function contentSecurityPolicy(nonce: string, dev = env().NODE_ENV === "development") {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...storeOrigins()].join(" "),
    "font-src 'self'",
    // The service worker (lib/client/offline): 'strict-dynamic' above would not let 'self' cover it.
    "worker-src 'self'",
    ["connect-src 'self'", ...realtimeOrigins(), ...storeOrigins(), ...(dev ? ["ws:"] : [])].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
