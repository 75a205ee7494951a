// Runs before each integration test file, before it imports anything from lib/ (lib/server/env.ts reads
// the environment once): a fresh copy of the migrated database, a local realtime server on a free
// port, and sessions controlled by the tests.
import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, inject, vi } from "vitest";
import { startRealtimeServer } from "@/realtime-server/src";
import { startStorageServer } from "@/storage-server/src";
import { setRealtimeServer, setStorageServer } from "./context";

const template = inject("templateDatabase");
const database = path.join(path.dirname(template), `${randomUUID()}.db`);
copyFileSync(template, database);
process.env.DATABASE_URL = `file:${database}`;

// With watchlist events, as the README asks of a production Pusher app.
const realtime = await startRealtimeServer({
  port: 0,
  logLevel: "silent",
  apps: [{ id: "100001", key: "ticks-local-key", secret: "ticks-local-secret", enableWatchlistEvents: true }],
});
setRealtimeServer(realtime);
Object.assign(process.env, {
  PUSHER_APP_ID: "100001",
  PUSHER_KEY: "ticks-local-key",
  PUSHER_SECRET: "ticks-local-secret",
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: String(realtime.port),
  PUSHER_USE_TLS: "false",
  // Suites that send in bursts test other things; abuse-limits.test.ts sets its own limits.
  RATE_LIMIT_SENDS_PER_10S: "100000",
  // faults.test.ts holds the write lock from another connection: give up on it quickly.
  DATABASE_BUSY_TIMEOUT_MS: "400",
});
delete process.env.PUSHER_CLUSTER;

// The local S3-compatible store (s3rver behind a signature check), its files in a directory of
// this file's own; credentials that are not the local defaults, as a deployment's would be.
const storageDir = path.join(path.dirname(template), `${randomUUID()}-storage`);
const STORAGE = {
  bucket: "ticks-test",
  accessKeyId: "test-access-key",
  secretAccessKey: "test-secret-key-0123456789",
};
const storage = await startStorageServer({ port: 0, directory: storageDir, ...STORAGE });
setStorageServer(storage);
Object.assign(process.env, {
  S3_ENDPOINT: storage.url,
  S3_REGION: "us-east-1",
  S3_BUCKET: STORAGE.bucket,
  S3_ACCESS_KEY_ID: STORAGE.accessKeyId,
  S3_SECRET_ACCESS_KEY: STORAGE.secretAccessKey,
  CRON_SECRET: "test-cron-secret-0123456789",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

vi.mock("@/lib/server/auth/session", async () => {
  const { unauthorized } = await import("@/lib/server/errors");
  const { sessionUser } = await import("./session");
  const requireUser = async () => {
    const user = sessionUser();
    if (!user) throw unauthorized();
    return user;
  };
  return { currentUser: async () => sessionUser(), requireUser, requestUser: requireUser };
});

afterAll(async () => {
  const cached = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
  await cached.prisma?.$disconnect();
  await realtime.close();
  await storage.close();
  rmSync(storageDir, { recursive: true, force: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
});
