import "server-only";
import type { Result } from "@/lib/core/errors";
import { toErrorBody } from "@/lib/server/errors";
import { failure } from "./failure";

/**
 * Runs a server action's body: its value, or the error as a Result the browser can show — never a
 * throw, which Next would turn into an opaque failure (and log as a server error).
 */
export async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorBody(await failure(error)) };
  }
}
