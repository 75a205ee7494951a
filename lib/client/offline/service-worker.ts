/// <reference lib="webworker" />
// The service worker (docs/architecture.md, "Offline"), built with the app by
// app/serwist/[path]/route.ts. It answers only what it must, and never from a cache while the
// network answers:
//   - the build's own files (/_next/static, public/): precached at install — they never change;
//   - chat pages (the list, a conversation): network first; the last answer is kept, and served
//     only when the network fails, so a reload or a navigation offline opens the chats;
//   - a chat page it has no copy of, offline: a redirect to one it has (the list, else the latest).
// API calls, writes and client-side navigations (RSC) pass straight through: data is never served
// from here, so nothing on screen can be stale data passed off as fresh.
import {
  CacheableResponsePlugin,
  NetworkFirst,
  Serwist,
  type PrecacheEntry,
  type SerwistGlobalConfig,
} from "serwist";
import { isChatPage, KEEP_COPY, PAGES_CACHE, type KeepCopyMessage } from "@/lib/core/offline";
import { paths } from "@/lib/core/paths";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

// The list and the last few conversations viewed: what offline reading needs, no more.
const KEPT_PAGES = 12;
const COPY_VERSION = "x-ticks-copy-version";

async function forgetPages() {
  await caches.delete(PAGES_CACHE);
}

/** Offline, for a page without a copy: the list if kept, else the latest page kept. */
async function fallback(url: URL): Promise<Response | undefined> {
  const kept = await (await caches.open(PAGES_CACHE)).keys();
  const list = kept.find((r) => new URL(r.url).pathname === paths.conversations);
  const target = url.pathname !== paths.home && list ? list : (kept.at(-1) ?? list);
  return target ? Response.redirect(target.url, 302) : undefined;
}

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // One copy per page; what Next varies on (RSC headers) never reaches this cache.
  matchOptions: { ignoreVary: true, ignoreSearch: true },
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    {
      // A chat page redirecting means the session is gone: its pages must go with it.
      fetchDidSucceed: async ({ response }) => {
        if (response.type === "opaqueredirect" || response.redirected) await forgetPages();
        return response;
      },
      // A copy the page asked for notes how far the page was (its last message): a second tab,
      // or the same change again, then finds it kept and costs the server nothing.
      cacheWillUpdate: async ({ request, response }) => {
        const version = request.headers.get(COPY_VERSION);
        if (!version) return response;
        const headers = new Headers(response.headers);
        headers.set(COPY_VERSION, version);
        return new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      },
      cacheDidUpdate: async () => {
        const cache = await caches.open(PAGES_CACHE);
        const kept = await cache.keys();
        await Promise.all(kept.slice(0, -KEPT_PAGES).map((r) => cache.delete(r)));
      },
      handlerDidError: async ({ request }) => fallback(new URL(request.url)),
    },
  ],
});

const sameOriginPage = (url: URL, request: Request) =>
  url.origin === self.location.origin && request.headers.get("rsc") === null;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ url, request }) =>
        sameOriginPage(url, request) && request.mode === "navigate" && isChatPage(url.pathname),
      handler: pages,
    },
    {
      // "/" redirects to the latest conversation: never kept, but offline it leads to one kept.
      matcher: ({ url, request }) =>
        sameOriginPage(url, request) && request.mode === "navigate" && url.pathname === "/",
      handler: async ({ request }) =>
        fetch(request).catch(async () => (await fallback(new URL(request.url))) ?? Response.error()),
    },
  ],
});

/**
 * Refreshes the kept copy of a page the person is viewing, unless the one kept already shows as
 * far (`version`), or is younger than `maxAgeMs`.
 */
async function keepCopy(event: ExtendableMessageEvent, { path, maxAgeMs, version }: KeepCopyMessage) {
  if (!isChatPage(path)) return;
  const kept = await caches.match(path, { cacheName: PAGES_CACHE, ignoreVary: true });
  const keptVersion = Number(kept?.headers.get(COPY_VERSION) ?? NaN);
  if (version !== undefined && keptVersion >= version) return;
  const age = kept ? Date.now() - Date.parse(kept.headers.get("date") ?? "") : Infinity;
  if (age < maxAgeMs) return;
  // redirect: "manual", as a navigation: a signed-out answer is a redirect, never a page to keep.
  const headers = version === undefined ? undefined : { [COPY_VERSION]: String(version) };
  const request = new Request(path, { credentials: "same-origin", redirect: "manual", headers });
  await pages.handle({ event, request }).catch(() => undefined);
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data = event.data as Partial<KeepCopyMessage> | null;
  if (data?.type === KEEP_COPY && typeof data.path === "string" && typeof data.maxAgeMs === "number") {
    if (data.version !== undefined && typeof data.version !== "number") return;
    event.waitUntil(keepCopy(event, data as KeepCopyMessage));
  }
});

self.addEventListener("fetch", (event) => {
  // Signing in (as anyone): no earlier session's pages may be shown again.
  const { pathname } = new URL(event.request.url);
  if (event.request.mode === "navigate" && (pathname === paths.login || pathname === paths.register)) {
    event.waitUntil(forgetPages());
  }
});

// A new build: kept pages name the old build's files, which the precache has just replaced.
self.addEventListener("activate", (event) => event.waitUntil(forgetPages()));

serwist.addEventListeners();
