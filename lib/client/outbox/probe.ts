// Whether the user's outbox database holds anything (a queued message or a draft), read with the
// bare IndexedDB API: the page needn't load idb and the outbox to find out, and a user with no
// database doesn't get one. The localStorage flag (outbox.ts) usually answers first; this is for
// when it doesn't: IndexedDB commits each write durably, localStorage is written to disk later,
// so a browser closed or crashed right after a message was queued can keep the message and lose
// the flag.

/** One database per user (store.ts opens it). */
export const databaseName = (userId: string) => `ticks-${userId}`;

const STORES = ["outbox", "drafts"];

export function holdsAnything(userId: string): Promise<boolean> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(databaseName(userId));
    } catch {
      resolve(false); // no IndexedDB here (private mode in some browsers): nothing can be stored
      return;
    }
    // No database: opening would create one. Aborting leaves none behind (and fails the request).
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      const names = STORES.filter((name) => db.objectStoreNames.contains(name));
      if (names.length === 0) {
        db.close();
        resolve(false);
        return;
      }
      const tx = db.transaction(names, "readonly");
      const counts = names.map((name) => tx.objectStore(name).count());
      const done = (found: boolean) => {
        db.close();
        resolve(found);
      };
      tx.oncomplete = () => done(counts.some((c) => c.result > 0));
      tx.onabort = () => done(false);
    };
  });
}
