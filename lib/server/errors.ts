import "server-only";
import { ZodError } from "zod";
import { ERROR_STATUS, RETRYABLE, type ErrorBody, type ErrorCode } from "@/lib/core/errors";
import { dbFailure } from "./db/errors";
import { log } from "./log";
import { json } from "./http/json";

/** The one error type of the domain; `toErrorResponse` / `toErrorBody` turn it into what clients see. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (what = "You are not a member of this conversation") =>
  new AppError("forbidden", what);
export const unauthorized = () => new AppError("unauthorized", "Sign in first");

/** Normalises any thrown value into an AppError; unknown errors are logged, never leaked. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new AppError("bad_request", `${where}${first?.message ?? "Invalid input"}`, {
      issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  if (error instanceof SyntaxError) return new AppError("bad_request", "Body is not valid JSON");
  // The client went away mid-request (closed tab, lost network): nothing to log or answer.
  if (error instanceof Error && (error.name === "AbortError" || error.message === "aborted")) {
    return new AppError("bad_request", "Request aborted");
  }
  if (dbFailure(error) === "busy") {
    return new AppError("unavailable", "The database is busy, try again in a moment");
  }
  // The one log line of a failed request (route handlers and actions all come through here).
  log("error", "unhandled error", { error });
  return new AppError("internal", "Something went wrong");
}

/** Seconds a client should wait before trying again (rate limits say; otherwise 1). */
export function retryAfter(e: AppError): number {
  const value = (e.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof value === "number" && value > 0 ? value : 1;
}

/** The error as a server action answers it (the HTTP answer carries the same code and message). */
export function toErrorBody(e: AppError): ErrorBody {
  return {
    code: e.code,
    message: e.message,
    ...(RETRYABLE.includes(e.code) ? { retryAfter: retryAfter(e) } : {}),
  };
}

/** The API's error answer: `{"error": {code, message, details?}}`, Retry-After when retryable. */
export function toErrorResponse(error: unknown): Response {
  const e = toAppError(error);
  const headers: Record<string, string> = {};
  if (RETRYABLE.includes(e.code)) headers["Retry-After"] = String(retryAfter(e));
  return json(
    { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
    { status: e.status, headers },
  );
}
