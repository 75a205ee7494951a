import "server-only";
import type { InValue } from "@libsql/client";
import { libsql, localStatements } from "./client";
import type { Prisma } from "./generated/client";
import type { StatementResult, Statement } from "./local-statements";
import { exclusively } from "./serial-client";

// The hot paths' statements (a send, an ack's transaction, the session check) skip Prisma, written
// with the same Prisma.sql templates: Prisma's per-query work (the query compiler, its interpreter,
// the adapter's conversions) cost more CPU than SQLite itself (2.5 → 0.9 ms for a send's
// statements, measured). Locally they run on a connection that keeps its prepared statements
// (LocalStatements); on Turso through the libSQL client Prisma's adapter uses. A send's
// transaction is one batch: one round trip to Turso instead of one per statement. Everything else
// stays on Prisma.

/** The rows of one statement, each an object by column name (integers as numbers). */
export async function query<Row>(statement: Prisma.Sql): Promise<Row[]> {
  const local = localStatements();
  const s = toStatement(statement);
  if (local) return (await exclusively(() => local.run(s))).rows as Row[];
  return (await libsql().execute(s)).rows as unknown as Row[];
}

/** Statements run in one write transaction, all or none; their results in order. */
export async function writeBatch(statements: Prisma.Sql[]): Promise<StatementResult[]> {
  const local = localStatements();
  const batch = statements.map(toStatement);
  if (local) return exclusively(() => local.batch(batch));
  const results = await libsql().batch(batch, "write");
  return results.map((r) => ({
    rows: r.rows as unknown as StatementResult["rows"],
    rowsAffected: r.rowsAffected,
  }));
}

/** A transaction's statements (writeTransaction). */
export type SqlTx = {
  query<Row>(statement: Prisma.Sql): Promise<Row[]>;
  /** The number of rows the statement changed. */
  execute(statement: Prisma.Sql): Promise<number>;
};

/**
 * `fn` in one write transaction that holds the write lock from its start (BEGIN IMMEDIATE), so what
 * it reads stays true until it commits; rolled back if `fn` throws. Inside, statements go through
 * `tx` only: any other database call would wait for this transaction to end.
 */
export async function writeTransaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const local = localStatements();
  if (local) {
    const tx: SqlTx = {
      query: async <Row>(s: Prisma.Sql) => local.run(toStatement(s)).rows as Row[],
      execute: async (s) => local.run(toStatement(s)).rowsAffected,
    };
    return exclusively(() => local.transaction(() => fn(tx)));
  }
  const remote = await libsql().transaction("write");
  try {
    const result = await fn({
      query: async <Row>(s: Prisma.Sql) => (await remote.execute(toStatement(s))).rows as unknown as Row[],
      execute: async (s) => (await remote.execute(toStatement(s))).rowsAffected,
    });
    await remote.commit();
    return result;
  } finally {
    remote.close(); // rolls back what wasn't committed
  }
}

function toStatement(statement: Prisma.Sql): Statement {
  return { sql: statement.sql, args: statement.values.map(bindable) };
}

function bindable(value: unknown): InValue {
  // A DateTime as Prisma's libSQL adapter writes it (ISO 8601, "+00:00"), so that both write the
  // same text and comparisons between them stay true.
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (value === undefined) return null;
  return value as InValue;
}
