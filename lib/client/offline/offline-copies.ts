// The page's side of the service worker: register it (production only), ask it to keep offline
// copies of the chat pages the person views, and forget them all at sign-out.
import { KEEP_COPY, SERVICE_WORKER_URL, USER_CACHE_PREFIX, type KeepCopyMessage } from "@/lib/core/offline";

const supported = () => process.env.NODE_ENV === "production" && "serviceWorker" in navigator;

// Installing the worker downloads the app's files: not while the page itself is still loading.
const REGISTER_AFTER_LOAD_MS = 3_000;

/** Registers the worker a little after the page has loaded (once per page; the browser keeps it). */
export function registerServiceWorker() {
  if (!supported()) return;
  const register = () =>
    void navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" }).catch(() => {});
  const later = () => setTimeout(register, REGISTER_AFTER_LOAD_MS);
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
}

/**
 * Asks the worker to refresh its copy of `path`, unless the one it keeps shows `version` (the
 * last message) already, or is younger than `maxAgeMs`.
 */
export function keepOfflineCopy(path: string, maxAgeMs: number, version?: number) {
  if (!supported() || !navigator.onLine) return;
  const message: KeepCopyMessage = { type: KEEP_COPY, path, maxAgeMs, version };
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message));
}

/** Sign-out: deletes every cache holding the user's pages (the precache holds only build files). */
export async function forgetOfflineCopies() {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(USER_CACHE_PREFIX)).map((n) => caches.delete(n)));
}
