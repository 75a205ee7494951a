// The one error model, as both sides see it. The server throws AppError (lib/server/errors.ts);
// what reaches the browser is an ErrorBody — in an HTTP answer as `{"error": ErrorBody}` (with
// Retry-After as a header), or in a server action's Result — and the browser turns either into
// one ClientError (lib/client/api.ts). See docs/architecture.md, "Errors".

/** The HTTP status of each error code. */
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

/** Codes after which the same request may succeed later: the answer says when (Retry-After). */
export const RETRYABLE: readonly ErrorCode[] = ["rate_limited", "unavailable"];

export type ErrorBody = {
  code: ErrorCode;
  message: string;
  /** Seconds to wait before trying again (retryable codes only). */
  retryAfter?: number;
  /** Per-field messages of a form (keyed by the field's name). */
  fields?: Record<string, string>;
};

/** What a server action answers: the value, or why not (actions never throw to the browser). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/**
 * A form's server action answers nothing on success (it redirects) or the error to show, with what
 * was typed (never a password), so the form can show it again: React empties a form after its action.
 */
export type FormState = { error?: ErrorBody; values?: Record<string, string> };
