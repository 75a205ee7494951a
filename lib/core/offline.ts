// What the page and its service worker agree on (docs/architecture.md, "Offline").

/** The service worker's script (app/serwist/[path]/route.ts builds it with the app). */
export const SERVICE_WORKER_URL = "/serwist/sw.js";

/**
 * The cache of pages kept for offline use. They hold the user's chats, so the name is ours to
 * find and delete at sign-out ("ticks-"); the precache (the build's public files) is Serwist's.
 */
export const PAGES_CACHE = "ticks-pages";
export const USER_CACHE_PREFIX = "ticks-";

/**
 * The page asks its service worker to keep a fresh offline copy of a chat page: unless the copy
 * kept shows `version` already (a conversation's last seq), or is younger than `maxAgeMs`.
 */
export const KEEP_COPY = "ticks:keep-copy";
export type KeepCopyMessage = { type: typeof KEEP_COPY; path: string; maxAgeMs: number; version?: number };

/** Pages worth keeping: the list and each conversation (not `/`, which always redirects). */
export function isChatPage(pathname: string): boolean {
  return /^\/conversations(\/[A-Za-z0-9_-]{1,64})?$/.test(pathname);
}
