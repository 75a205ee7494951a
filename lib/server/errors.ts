import { ZodError } from "zod";
import { log } from "./log";

/** The HTTP status of each error code (DESIGN.md §4). */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error type of the domain; `toErrorResponse` turns it into the API's error shape. */
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
  if (isBusyError(error)) {
    return new AppError("unavailable", "The database is busy, try again in a moment");
  }
  // The one log line of a failed request (route handlers and actions all come through here).
  log("error", "unhandled error", { error });
  return new AppError("internal", "Something went wrong");
}

export function toErrorResponse(error: unknown): Response {
  const e = toAppError(error);
  const headers: Record<string, string> = {};
  if (e.code === "rate_limited" || e.code === "unavailable") headers["Retry-After"] = String(retryAfter(e));
  return Response.json(
    { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
    { status: e.status, headers },
  );
}

/** Seconds a client should wait before trying again (rate limits say; otherwise 1). */
export function retryAfter(e: AppError): number {
  const value = (e.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof value === "number" && value > 0 ? value : 1;
}

export function isBusyError(error: unknown): boolean {
  const text = describe(error);
  return /SQLITE_BUSY|database is locked/i.test(text);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
