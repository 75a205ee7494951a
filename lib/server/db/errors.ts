import "server-only";
import { LibsqlError } from "@libsql/client";
import { Prisma } from "./generated/client";

/**
 * The database failures the app answers differently from a bug, recognised in one place:
 * "unique" — a unique index refused the row (P2002 from a model query, P2010 wrapping it from a
 * raw one, the driver's own error from sql.ts); "busy" — SQLite's write lock stayed taken past the
 * busy timeout (the API answers 503 with Retry-After, and the connections are reset).
 */
export function dbFailure(error: unknown): "unique" | "busy" | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return "unique";
    if (error.code === "P2010" && /UNIQUE constraint failed/i.test(error.message)) return "unique";
  }
  // The app's own statements (sql.ts) fail with the driver's error: SQLITE_CONSTRAINT_UNIQUE.
  if (error instanceof LibsqlError && /UNIQUE constraint failed/i.test(error.message)) return "unique";
  return /SQLITE_BUSY|database is locked/i.test(describe(error)) ? "busy" : null;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
