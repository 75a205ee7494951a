import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { setOffline } from "../support/offline-emulation";

/**
 * What the browser keeps for the signed-in person — the service worker's offline copies, the
 * outbox and drafts in IndexedDB — and the network switch, as the offline specs look at them.
 */
export class Device {
  constructor(readonly page: Page) {}

  get context(): BrowserContext {
    return this.page.context();
  }

  async offline() {
    await setOffline(this.context, true);
    await expect(this.connection).toHaveAttribute("data-state", "offline");
  }

  async online() {
    await setOffline(this.context, false);
  }

  get connection(): Locator {
    return this.page.getByTestId("connection-status");
  }

  /** Waits until the service worker keeps an offline copy of `path` (the page now open), with `text` in it. */
  async waitForOfflineCopy(path = new URL(this.page.url()).pathname, text = "") {
    const kept = ([p, t]: [string, string]) =>
      caches.match(p, { ignoreVary: true }).then(async (r) => Boolean(r && (await r.text()).includes(t)));
    await expect
      .poll(() => this.page.evaluate(kept, [path, text] as [string, string]), { timeout: 30_000 })
      .toBe(true);
  }

  /** Names of the caches that may hold the user's pages (the precache holds only build files). */
  userCaches(): Promise<string[]> {
    return this.page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("ticks-")));
  }

  /** Every record in the app's IndexedDB databases: outbox messages and drafts, per store. */
  stored(): Promise<{ outbox: number; drafts: number }> {
    return this.page.evaluate(async () => {
      const totals = { outbox: 0, drafts: 0 };
      for (const { name } of await indexedDB.databases()) {
        if (!name?.startsWith("ticks-")) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of ["outbox", "drafts"] as const) {
          if (!db.objectStoreNames.contains(store)) continue;
          const count = db.transaction(store).objectStore(store).count();
          totals[store] += await new Promise<number>(
            (resolve) => (count.onsuccess = () => resolve(count.result)),
          );
        }
        db.close();
      }
      return totals;
    });
  }
}
