import "server-only";

// The size from which gzip pays for itself (the compression middleware's own default threshold).
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer, compressed only when that pays. Next's server (`compress`) gzips every answer
 * whose length it doesn't know, and it never knows a route handler's (it streams the body and drops
 * Content-Length): for an answer of a few hundred bytes that costs more than it saves — zlib's
 * setup, and the answer finished over several turns of the event loop on the libuv thread pool,
 * which under load added 15–100 ms to a send (bench, open loop). So a small answer says
 * `no-transform`, which the compression middleware (and any proxy) honours; a large one (a page of
 * messages) is still compressed.
 */
export function json(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data);
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json");
  if (Buffer.byteLength(body) < COMPRESS_FROM_BYTES) headers.append("cache-control", "no-transform");
  return new Response(body, { ...init, headers });
}
