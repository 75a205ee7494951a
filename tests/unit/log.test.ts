import { afterEach, describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "@/lib/server/errors";
import { log, redact } from "@/lib/server/log";

const AUTH_SECRET = "auth-secret-0123456789-abcdefghij";
const PUSHER_SECRET = "pusher-secret-9876543210";
const DATABASE_AUTH_TOKEN = "eyJhbGciOiJFZERTQSJ9.turso-token";

function lines(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.map(([line]) => String(line));
}

describe("structured logs", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("write one JSON line per event", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    log("warn", "realtime: trigger failed", { error: new Error("multi\nline\nmessage") });
    expect(spy).toHaveBeenCalledOnce();
    const [line] = lines(spy);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line!)).toEqual({
      level: "warn",
      msg: "realtime: trigger failed",
      error: { name: "Error", message: "multi\nline\nmessage" },
    });
  });

  it("redact secret fields whatever they are called, at any depth", () => {
    const out = redact({
      user: { username: "alice", password: "correct horse", passwordHash: "$argon2id$..." },
      headers: { cookie: "authjs.session-token=abc", Authorization: "Bearer xyz", accept: "*/*" },
      env: { AUTH_SECRET: "x", PUSHER_SECRET: "y", DATABASE_AUTH_TOKEN: "z", PORT: "3000" },
      list: [{ token: "t" }],
    });
    expect(out).toEqual({
      user: { username: "alice", password: "[redacted]", passwordHash: "[redacted]" },
      headers: { cookie: "[redacted]", Authorization: "[redacted]", accept: "*/*" },
      env: {
        AUTH_SECRET: "[redacted]",
        PUSHER_SECRET: "[redacted]",
        DATABASE_AUTH_TOKEN: "[redacted]",
        PORT: "3000",
      },
      list: [{ token: "[redacted]" }],
    });
  });

  it("redact configured secrets and credentials quoted inside messages", () => {
    vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
    vi.stubEnv("PUSHER_SECRET", PUSHER_SECRET);
    vi.stubEnv("DATABASE_AUTH_TOKEN", DATABASE_AUTH_TOKEN);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    log("error", "unhandled error", {
      error: new Error(
        `signing with ${AUTH_SECRET} and ${PUSHER_SECRET} failed; db token ${DATABASE_AUTH_TOKEN}; ` +
          "Authorization: Bearer abc.def.ghi; cookie: authjs.session-token=s3ss10n",
      ),
      note: `secret=${PUSHER_SECRET}`,
    });
    const [line] = lines(spy);
    for (const leaked of [AUTH_SECRET, PUSHER_SECRET, DATABASE_AUTH_TOKEN, "abc.def.ghi", "s3ss10n"]) {
      expect(line).not.toContain(leaked);
    }
    expect(line).toContain("[redacted]");
  });

  it("a failed request logs exactly one redacted line, and answers without any of it", async () => {
    vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = Object.assign(new Error(`jwt signed with ${AUTH_SECRET} is bad`), {
      cause: { cookie: "authjs.session-token=abc", password: "pw" },
    });
    const response = toErrorResponse(error);
    expect(response.status).toBe(500);
    expect(spy).toHaveBeenCalledOnce();
    const entry = JSON.parse(lines(spy)[0]!) as Record<string, unknown>;
    expect(entry).toEqual({
      level: "error",
      msg: "unhandled error",
      error: {
        name: "Error",
        message: "jwt signed with [redacted] is bad",
        cause: { cookie: "[redacted]", password: "[redacted]" },
      },
    });
    expect(JSON.stringify(await response.json())).not.toContain(AUTH_SECRET);
  });
});
