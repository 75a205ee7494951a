// lib/server/http/json.ts: every API answer is JSON, and only the small ones opt out of gzip.
import { describe, expect, it } from "vitest";
import { json } from "@/lib/server/http/json";

describe("json()", () => {
  it("answers JSON with the status and headers asked for", async () => {
    const response = json({ ok: true }, { status: 201, headers: { "Retry-After": "3" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("keeps a small answer from being compressed (no-transform), and leaves a large one alone", () => {
    expect(json({ message: "a send's answer" }).headers.get("cache-control")).toBe("no-transform");
    const page = { messages: Array.from({ length: 50 }, (_, seq) => ({ seq, body: "x".repeat(40) })) };
    expect(json(page).headers.get("cache-control")).toBeNull();
  });
});
