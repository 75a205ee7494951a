import "server-only";
import { resetConnections } from "@/lib/server/db/client";
import { toAppError, type AppError } from "@/lib/server/errors";

/** Turns a thrown error into an AppError, recovering the database connections after a busy one. */
export async function failure(error: unknown): Promise<AppError> {
  const e = toAppError(error);
  if (e.code === "unavailable") await resetConnections();
  return e;
}
