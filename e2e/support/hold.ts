import type { Page, Request } from "@playwright/test";

/**
 * Holds the page's requests to `url` (those `when` picks; all by default) until the returned
 * release is called: a slow network, on cue. With the page's service worker on, Chromium sends
 * keepalive fetches (the app's acks) and the worker's own script fetches past this: hold those
 * with `test.use({ serviceWorkers: "block" })`.
 */
export async function holdRequests(
  page: Page,
  url: Parameters<Page["route"]>[0],
  when: (request: Request) => boolean = () => true,
): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    if (when(route.request())) await held;
    await route.continue();
  });
  return release;
}
