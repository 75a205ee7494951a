// `npm start` (scripts/run.ts start) with a bad environment: it refuses before doing anything —
// before migrating, before looking for a build — with one message listing every problem.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Exactly what `npm start` runs (package.json), e.g. `tsx --conditions=react-server scripts/run.ts start`.
const [command, ...args] = (
  JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }
).scripts.start.split(" ");

function start(vars: Record<string, string>) {
  // Only what a shell needs, plus the case's variables: nothing of this machine's own settings.
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production" as const,
    ...vars,
  };
  const result = spawnSync(`node_modules/.bin/${command}`, args, {
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("npm start with a bad environment", () => {
  it("exits non-zero, listing every problem at once", { timeout: 60_000 }, () => {
    const { code, out } = start({
      DATABASE_URL: "postgres://admin:hunter2@db.example.com/ticks",
      PORT: "eighty",
      AUTH_SECRET: "too-short",
      RATE_LIMIT_SENDS_PER_10S: "lots",
      NEXT_DIST_DIR: ".tmp/no-build-here",
    });
    expect(code).toBe(1);
    expect(out).toContain("Invalid environment (4 problems):");
    expect(out).toContain("  - RATE_LIMIT_SENDS_PER_10S: expected a whole number");
    expect(out).toContain('  - PORT: expected a port number 1–65535, got "eighty"');
    expect(out).toContain("  - AUTH_SECRET: too short (9 characters, at least 32 needed)");
    expect(out).toContain("  - DATABASE_URL: expected file:<path> (SQLite) or libsql://, https://, wss://");
    expect(out).not.toContain("hunter2");
    // Refused before the build check and before migrating.
    expect(out).not.toMatch(/No production build found|migrations? found|prisma/i);
  });

  it("with a good environment goes on to the next check (here: no build)", { timeout: 60_000 }, () => {
    const { code, out } = start({
      AUTH_SECRET: "a-production-secret-of-at-least-32-characters",
      DATABASE_URL: "file:./.tmp/start-env-test.db",
      NEXT_DIST_DIR: ".tmp/no-build-here",
    });
    expect(code).toBe(1);
    expect(out).not.toContain("Invalid environment");
    expect(out).toContain("No production build found");
  });
});
