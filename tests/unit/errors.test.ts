import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, forbidden, notFound, toErrorResponse, unauthorized } from "@/lib/server/errors";

async function answer(error: unknown) {
  const response = toErrorResponse(error);
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("the API's error shape", () => {
  afterEach(() => vi.restoreAllMocks());

  it("maps every code to its status", async () => {
    const expected = {
      bad_request: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      unprocessable: 422,
      rate_limited: 429,
      internal: 500,
    } as const;
    for (const [code, status] of Object.entries(expected)) {
      const { status: got, json } = await answer(new AppError(code as keyof typeof expected, "why"));
      expect(got, code).toBe(status);
      expect(json).toEqual({ error: { code, message: "why" } });
    }
  });

  it("has helpers for the common refusals", () => {
    expect(unauthorized()).toMatchObject({ code: "unauthorized", status: 401 });
    expect(forbidden()).toMatchObject({ code: "forbidden", status: 403 });
    expect(notFound()).toMatchObject({ code: "not_found", status: 404 });
  });

  it("turns a zod error into bad_request naming the field", async () => {
    const result = z.object({ upTo: z.number() }).safeParse({ upTo: "x" });
    const { status, json } = await answer(result.error);
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
    expect(json.error.message).toMatch(/^upTo: /);
    expect(json.error.details.issues[0].path).toBe("upTo");
  });

  it("turns a JSON syntax error into bad_request", async () => {
    let error: unknown;
    try {
      JSON.parse("{nope");
    } catch (e) {
      error = e;
    }
    expect(await answer(error)).toMatchObject({ status: 400, json: { error: { code: "bad_request" } } });
  });

  it("answers 503 with Retry-After when the database is busy", async () => {
    const { status, headers, json } = await answer(new Error("SQLITE_BUSY: database is locked"));
    expect(status).toBe(503);
    expect(headers.get("retry-after")).toBe("1");
    expect(json.error.code).toBe("unavailable");
  });

  it("answers 429 with Retry-After when rate limited", async () => {
    const { status, headers } = await answer(new AppError("rate_limited", "slow down"));
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("1");
  });

  it("hides an unknown error's message and stack behind internal, logging it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("SELECT passwordHash FROM User WHERE id = 'x'");
    const { status, json } = await answer(secret);
    expect(status).toBe(500);
    expect(json).toEqual({ error: { code: "internal", message: "Something went wrong" } });
    expect(JSON.stringify(json)).not.toMatch(/SELECT|passwordHash|at /);
    expect(log).toHaveBeenCalledOnce();
  });

  it("treats thrown non-errors as internal", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await answer("boom")).toMatchObject({ status: 500, json: { error: { code: "internal" } } });
  });
});
