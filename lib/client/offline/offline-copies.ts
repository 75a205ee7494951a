// The page's side of the service worker: register it (production only), ask it to keep offline
// copies of the chat pages the person views, and forget them all at sign-out.
import { KEEP_COPY, SERVICE_WORKER_URL, USER_CACHE_PREFIX, type KeepCopyMessage } from "@/lib/core/offline";

const supported = () => process.env.NODE_ENV === "production" && "serviceWorker" in navigator;

/** Registers the worker once the page has loaded: installing it downloads the app's files. */
export function registerServiceWorker() {
  if (!supported()) return;
  const register = () =>
    void navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" }).catch(() => {});
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(register) : register());
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}

/** Asks the worker to refresh its copy of `path`, unless it keeps one younger than `maxAgeMs`. */
export function keepOfflineCopy(path: string, maxAgeMs: number) {
  if (!supported() || !navigator.onLine) return;
  const message: KeepCopyMessage = { type: KEEP_COPY, path, maxAgeMs };
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message));
}

/** Sign-out: deletes every cache holding the user's pages (the precache holds only build files). */
export async function forgetOfflineCopies() {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(USER_CACHE_PREFIX)).map((n) => caches.delete(n)));
}
