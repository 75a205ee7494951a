// GET /serwist/sw.js - the service worker: public (no session), for the whole app, and built from
// what the app's own code says it may cache.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/serwist/[path]/route";

const get = (path: string) =>
  GET(new Request(`http://localhost/serwist/${path}`), { params: Promise.resolve({ path }) });

describe("GET /serwist/sw.js", () => {
  it("serves a script whose scope may be the whole app, to anyone", async () => {
    const answer = await get("sw.js");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/javascript/);
    expect(answer.headers.get("service-worker-allowed")).toBe("/");
    const script = await answer.text();
    // The page cache it keeps (and sign-out deletes), and nothing it could serve from the API.
    expect(script).toContain("ticks-pages");
    expect(script).not.toContain("/api/");
  }, 60_000);
});
