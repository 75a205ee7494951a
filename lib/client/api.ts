// The browser's side of the HTTP API: one fetcher, one error type.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function parse<T>(response: Response): Promise<T> {
  const json = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string } }) | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json?.error?.code ?? "internal",
      json?.error?.message ?? `Request failed (${response.status})`,
    );
  }
  return json as T;
}

export async function fetcher<T>(url: string): Promise<T> {
  return parse<T>(await fetch(url, { headers: { accept: "application/json" } }));
}

export async function postJson<T>(url: string, body: unknown, init?: RequestInit): Promise<T> {
  return parse<T>(
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      ...init,
    }),
  );
}
