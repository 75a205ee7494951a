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
    const tx = over(async (s) => local.run(s));
    return exclusively(() => local.transaction(() => fn(tx)));
  }
  const remote = await libsql().transaction("write");
  try {
    const result = await fn(over((s) => remote.execute(s)));
    await remote.commit();
    return result;
  } finally {
    remote.close(); // rolls back what wasn't committed
  }
}

/** A transaction's `tx`, over whatever runs one statement in it. */
function over(run: (s: Statement) => Promise<{ rows: unknown[]; rowsAffected: number }>): SqlTx {
  return {
    query: async <Row>(s: Prisma.Sql) => (await run(toStatement(s))).rows as Row[],
    execute: async (s) => (await run(toStatement(s))).rowsAffected,
  };
}

function toStatement(statement: Prisma.Sql): Statement {
  return { sql: statement.sql, args: statement.values.map(bindable) };
}

/**
 * A value as both paths bind it, converted here only: a DateTime as Prisma's libSQL adapter writes
 * it (ISO 8601, "+00:00"), so that both write the same text and comparisons between them stay
 * true; a boolean as 0/1 (SQLite has no boolean, and libsql's own binding refuses one).
 */
function bindable(value: unknown): InValue {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === undefined) return null;
  return value as InValue;
}

/**
 * A DateTime column as query() returns it (SQLite text), in JSON's form (toISOString's). What the
 * app writes (bindable, Prisma) ends in "+00:00" with milliseconds, and becomes "Z" by slicing: a
 * page of message info has a hundred of them, and through Date each cost a microsecond.
 */
export function isoText(value: string | null): string | null {
  if (value === null) return null;
  if (value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  return new Date(value).toISOString();
}
