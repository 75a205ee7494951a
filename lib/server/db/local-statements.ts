import "server-only";
import { LibsqlError, type InValue } from "@libsql/client";
import Database from "libsql";

type Connection = InstanceType<typeof Database>;
/** A prepared statement, and whether it returns rows (asked once: each ask is a native call). */
type Prepared = { statement: Database.Statement<unknown[]>; reader: boolean };
export type Statement = { sql: string; args: InValue[] };
export type StatementResult = { rows: Record<string, unknown>[]; rowsAffected: number };

// The statements that come here are a handful of fixed texts; the bound only guards against a
// caller that builds its text from data.
const MAX_PREPARED = 200;

/**
 * A connection to the local SQLite file that keeps its prepared statements, for sql.ts (the hot
 * paths' statements, the same few texts over and over). @libsql/client prepares every statement
 * anew and asks each whether it returns rows by catching an exception: measured at ≈ 14 % of a
 * send's CPU. Synchronous, like SQLite itself: sql.ts runs it under SerialClient's lock, so it
 * never runs beside the client's own connection (see SerialClient for why that matters).
 */
export class LocalStatements {
  #db: Connection | null = null;
  #prepared = new Map<string, Prepared>();

  constructor(
    private readonly path: string,
    private readonly timeout: number,
    /** Run on every new connection (client.ts's localPragmas, which says why). */
    private readonly pragmas: string[],
  ) {}

  /** One statement: its rows (objects by column name; integers as numbers) and rows changed. */
  run(statement: Statement): StatementResult {
    try {
      return this.#run(this.#connection(), statement);
    } catch (error) {
      throw driverError(error);
    }
  }

  /** Statements in one write transaction, all or none; their results in order. */
  batch(statements: Statement[]): StatementResult[] {
    const db = this.#connection();
    try {
      this.#run(db, { sql: "BEGIN IMMEDIATE", args: [] });
      const results = statements.map((statement) => this.#run(db, statement));
      this.#run(db, { sql: "COMMIT", args: [] });
      return results;
    } catch (error) {
      this.#rollBack(db);
      throw driverError(error);
    }
  }

  #rollBack(db: Connection) {
    try {
      if (db.open && db.inTransaction) db.exec("ROLLBACK");
    } catch {
      this.close(); // a connection that can't roll back isn't used again
    }
  }

  /**
   * `fn` inside BEGIN IMMEDIATE … COMMIT (ROLLBACK if it throws), its statements through `run`.
   * The caller holds the lock throughout, so nothing else runs on the connection meanwhile.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const db = this.#connection();
    this.run({ sql: "BEGIN IMMEDIATE", args: [] });
    try {
      const result = await fn();
      this.run({ sql: "COMMIT", args: [] });
      return result;
    } catch (error) {
      this.#rollBack(db);
      throw error;
    }
  }

  /** Closes the connection; the next statement opens a new one (after SQLITE_BUSY, a reset). */
  close() {
    const db = this.#db;
    this.#db = null;
    this.#prepared.clear();
    if (db?.open) db.close();
  }

  #connection(): Connection {
    if (this.#db?.open) return this.#db;
    this.#prepared.clear();
    const db = new Database(this.path, { timeout: this.timeout });
    for (const pragma of this.pragmas) db.exec(pragma);
    return (this.#db = db);
  }

  #run(db: Connection, { sql, args }: Statement): StatementResult {
    let prepared = this.#prepared.get(sql);
    if (!prepared) {
      if (this.#prepared.size >= MAX_PREPARED) this.#prepared.clear();
      const statement = db.prepare<unknown[]>(sql);
      prepared = { statement, reader: statement.reader };
      this.#prepared.set(sql, prepared);
    }
    // Bound as sql.ts converted them (its bindable: dates as text, booleans as 0/1).
    const { statement, reader } = prepared;
    if (reader) return { rows: statement.all(...args) as Record<string, unknown>[], rowsAffected: 0 };
    return { rows: [], rowsAffected: statement.run(...args).changes };
  }
}

/** The driver's error as @libsql/client reports it (db/errors.ts recognises that one). */
function driverError(error: unknown) {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code, rawCode } = error as InstanceType<typeof Database.SqliteError> & { rawCode?: number };
  return new LibsqlError(error.message, code, code, rawCode, error);
}
