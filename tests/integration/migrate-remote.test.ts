// The release step of a Vercel + Turso deployment (`vercel-build`: `prisma migrate deploy`), run
// against a remote libSQL server over HTTP with DATABASE_AUTH_TOKEN — here a local stand-in for
// Turso speaking the same protocol (libsql-server.ts) — applies every migration and records them.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlServer, type LibsqlServer } from "./libsql-server";

const FILE = `.tmp/migrate-remote-${process.pid}.db`;
const TOKEN = "turso-like-token-0123456789";
const MIGRATIONS = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory());

let server: LibsqlServer;

// Asynchronous: the server answering it runs in this very process.
function migrateDeploy(token: string): Promise<{ code: number | null; out: string }> {
  const url = `${server.url.replace(/^http:/, "libsql:")}?tls=0`;
  const child = spawn("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, DATABASE_AUTH_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

beforeAll(async () => {
  mkdirSync(".tmp", { recursive: true });
  server = await startLibsqlServer({ file: FILE, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(FILE + suffix, { force: true });
});

describe("prisma migrate deploy against a remote libSQL database (libsql:// + token)", () => {
  it("is refused without the right token", { timeout: 120_000 }, async () => {
    const { code } = await migrateDeploy("wrong-token");
    expect(code).not.toBe(0);
  });

  it("applies every migration through the adapter and records each", { timeout: 120_000 }, async () => {
    const { code, out } = await migrateDeploy(TOKEN);
    expect(code, out).toBe(0);
    expect(out).toMatch(/All migrations have been successfully applied/);
    const db = new Database(FILE);
    try {
      const applied = db
        .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1")
        .pluck()
        .all();
      expect(applied).toEqual(MIGRATIONS.map((d) => d.name).sort());
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(["User", "Conversation", "Member", "Message"]));
    } finally {
      db.close();
    }
  });

  it("a second run has nothing to do", { timeout: 120_000 }, async () => {
    const { code, out } = await migrateDeploy(TOKEN);
    expect(code, out).toBe(0);
    expect(out).toMatch(/No pending migrations to apply/);
  });
});
