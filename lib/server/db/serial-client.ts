import "server-only";
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { Mutex } from "async-mutex";

// One per process, not per client: a client renewed after a reset (resetConnections) must not run
// beside the one it replaces while that one still finishes an operation. Kept on globalThis, like
// the client itself (./client.ts): the App Router's server code and the Pages Router's API routes
// (pages/api) each load their own copy of this module, and both must queue behind the same lock.
const shared = globalThis as unknown as { ticksDatabaseLock?: Mutex };
const lock = (shared.ticksDatabaseLock ??= new Mutex());

/** Runs `fn` when no other operation on the local database is running (LocalStatements). */
export function exclusively<T>(fn: () => T): Promise<T> {
  return lock.runExclusive(fn);
}

/**
 * A local SQLite file's client that runs one operation at a time, a transaction counting as one
 * from BEGIN to COMMIT or ROLLBACK. Prisma's adapter runs on it; the app's own statements (sql.ts)
 * run on a second connection (LocalStatements) under the same lock.
 *
 * Why: SQLite waits for a busy write lock *synchronously*, blocking the event loop. One connection
 * of this process asking for the lock while a transaction on the other awaits its next statement
 * would wait out the whole busy timeout, and the transaction with it. The client's own pool is
 * no help either: with one connection it refuses, rather than queues, an operation while a
 * transaction holds it. Prisma's adapter queues its own calls; this lock queues every call. Not
 * for remote databases (Turso): their locks wait on the server, not on our thread.
 */
export class SerialClient implements Client {
  constructor(private readonly inner: Client) {}

  get closed() {
    return this.inner.closed;
  }

  get protocol() {
    return this.inner.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return lock.runExclusive(() =>
      typeof stmt === "string" ? this.inner.execute(stmt, args) : this.inner.execute(stmt),
    );
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return lock.runExclusive(() => this.inner.batch(stmts, mode));
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return lock.runExclusive(() => this.inner.migrate(stmts));
  }

  executeMultiple(sql: string): Promise<void> {
    return lock.runExclusive(() => this.inner.executeMultiple(sql));
  }

  sync() {
    return lock.runExclusive(() => this.inner.sync());
  }

  /**
   * A transaction takes the write lock as it begins (BEGIN IMMEDIATE) unless it says it only reads:
   * Prisma begins its own DEFERRED, and with more than one process on the file (npm start's
   * workers, scripts/workers.ts) a deferred transaction that read first finds its snapshot stale
   * once another process has written, and can't write at all (tests/integration/
   * cross-process-writes.test.ts). Taken first, the lock is waited for like any writer's.
   */
  async transaction(mode?: TransactionMode): Promise<Transaction> {
    const release = await lock.acquire();
    try {
      return holding(await this.inner.transaction(mode === "read" ? "read" : "write"), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  close() {
    this.inner.close();
  }

  reconnect() {
    this.inner.reconnect();
  }
}

/** The transaction, keeping the lock until it ends however it ends (commit, rollback, close). */
function holding(tx: Transaction, release: () => void): Transaction {
  let held = true;
  const end = () => {
    if (held) release();
    held = false;
  };
  return {
    execute: (stmt) => tx.execute(stmt),
    batch: (stmts) => tx.batch(stmts),
    executeMultiple: (sql) => tx.executeMultiple(sql),
    commit: () => tx.commit().finally(end),
    rollback: () => tx.rollback().finally(end),
    close: () => {
      try {
        tx.close();
      } finally {
        end();
      }
    },
    get closed() {
      return tx.closed;
    },
  };
}
