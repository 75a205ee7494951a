// The browser's side of the HTTP API and of server actions: one fetcher, and one error type that
// both resolve to, so toasts and forms say what went wrong the same way.
import { ERROR_STATUS, RETRYABLE, type ErrorBody, type ErrorCode, type Result } from "@/lib/core/errors";

/** Why a request failed. `network`: it never got an answer (offline, or the connection dropped). */
export class ClientError extends Error {
  readonly status: number;
  readonly code: ErrorCode | "network";
  readonly retryAfter?: number;
  readonly fields?: Record<string, string>;

  constructor(body: Omit<ErrorBody, "code"> & { code: ErrorCode | "network" }, status?: number) {
    super(body.message);
    this.name = "ClientError";
    this.code = body.code;
    this.status = status ?? (body.code === "network" ? 0 : ERROR_STATUS[body.code]);
    this.retryAfter = body.retryAfter;
    this.fields = body.fields;
  }
}

const networkError = () =>
  new ClientError({ code: "network", message: "Couldn't reach the server. Check your connection." });

async function parse<T>(response: Response): Promise<T> {
  const json = (await response.json().catch(() => null)) as (T & { error?: ErrorBody }) | null;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    throw new ClientError(
      {
        code: json?.error?.code ?? "internal",
        message: json?.error?.message ?? `Request failed (${response.status})`,
        retryAfter,
      },
      response.status,
    );
  }
  return json as T;
}

async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw networkError();
  }
}

export async function fetcher<T>(url: string): Promise<T> {
  return parse<T>(await request(url, { headers: { accept: "application/json" } }));
}

export async function postJson<T>(url: string, body: unknown, init?: RequestInit): Promise<T> {
  return parse<T>(
    await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      ...init,
    }),
  );
}

/** PATCH, DELETE or POST with a JSON body (or none): the answer, or a ClientError. */
export async function sendJson<T>(
  method: "POST" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T> {
  return parse<T>(
    await request(url, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

/** Calls a server action: its value, or a ClientError like a failed fetch's. */
export async function callAction<T>(action: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await action();
  } catch {
    // The action's own request failed (offline, server gone): actions answer errors, never throw.
    throw networkError();
  }
  if (!result.ok) throw new ClientError(result.error);
  return result.value;
}

/** What to tell a person about a failure: the server's words when it gave any. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ClientError && error.code !== "internal") return error.message;
  if (error && typeof error === "object" && "message" in error && "code" in error) {
    const body = error as ErrorBody;
    if (body.code !== "internal") return body.message;
  }
  return fallback;
}

/** The server said no for good (not a member, invalid input): the same request would fail again. */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof ClientError &&
    error.code !== "network" &&
    error.status < 500 &&
    !RETRYABLE.includes(error.code as ErrorCode)
  );
}
