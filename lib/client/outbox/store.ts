// The outbox and the drafts in IndexedDB (through idb), one database per user so one person's
// queue is never another's. Every change is one transaction: tabs of the same user share the
// database, and IndexedDB runs overlapping read-write transactions one after another.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { databaseName } from "./probe";
import type { Draft, NewOutboxRecord, OutboxRecord } from "./record";

interface LocalDb extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { order: number } };
  drafts: { key: string; value: Draft };
}

// Bump with a new `if (oldVersion < N)` step in upgrade() when a store or index changes.
const VERSION = 1;

export { databaseName };

export type OutboxStore = Awaited<ReturnType<typeof openStore>>;

export async function openStore(userId: string) {
  const db: IDBPDatabase<LocalDb> = await openDB<LocalDb>(databaseName(userId), VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore("outbox", { keyPath: "clientId" }).createIndex("order", "order", {
          unique: true,
        });
        db.createObjectStore("drafts", { keyPath: "conversationId" });
      }
    },
    // A newer version of the app opened the database in another tab: let it upgrade.
    blocking: () => db.close(),
  });

  return {
    /** Adds a message after every one already queued: its order is taken in the same transaction. */
    async add(record: NewOutboxRecord): Promise<OutboxRecord> {
      const tx = db.transaction("outbox", "readwrite");
      const [added] = await Promise.all([
        (async () => {
          const last = await tx.store.index("order").openCursor(null, "prev");
          const next: OutboxRecord = { ...record, order: (last?.value.order ?? 0) + 1, state: "queued" };
          await tx.store.add(next);
          return next;
        })(),
        tx.done,
      ]);
      return added;
    },

    /** Every record, in typed order. The outbox holds only what hasn't reached the server. */
    all: (): Promise<OutboxRecord[]> => db.getAllFromIndex("outbox", "order"),

    get: (clientId: string) => db.get("outbox", clientId),

    /** Changes a record that is still there; false when it's gone (sent, deleted, signed out). */
    async update(
      clientId: string,
      patch: Partial<Pick<OutboxRecord, "state" | "failure" | "body" | "files">>,
    ) {
      const tx = db.transaction("outbox", "readwrite");
      const [found] = await Promise.all([
        (async () => {
          const current = await tx.store.get(clientId);
          if (current) await tx.store.put({ ...current, ...patch });
          return Boolean(current);
        })(),
        tx.done,
      ]);
      return found;
    },

    remove: (clientId: string) => db.delete("outbox", clientId),

    drafts: (): Promise<Draft[]> => db.getAll("drafts"),

    /** Keeps what is typed in a conversation's composer; nothing typed deletes the draft. */
    saveDraft: (conversationId: string, body: string) =>
      body.trim() ? db.put("drafts", { conversationId, body }) : db.delete("drafts", conversationId),

    /** Forgets everything (sign-out). */
    async clear() {
      const tx = db.transaction(["outbox", "drafts"], "readwrite");
      await Promise.all([tx.objectStore("outbox").clear(), tx.objectStore("drafts").clear(), tx.done]);
    },

    close: () => db.close(),
  };
}
