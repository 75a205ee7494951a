// lib/server/db/client.ts is loaded twice in one server: by the App Router's server code and by
// the Pages API routes (docs/architecture.md, "The hot path"). Both copies must use one Prisma
// client on one connection — in production too — so that a reset by either leaves both working.
import { afterEach, expect, it, vi } from "vitest";

const shared = globalThis as unknown as { prisma?: unknown };
let before: unknown;

afterEach(() => {
  vi.unstubAllEnvs();
  shared.prisma = before;
});

it("is one client for every copy of the module, and a reset by one copy leaves the other working", async () => {
  before = shared.prisma;
  delete shared.prisma;
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("AUTH_SECRET", "a-production-length-secret-for-this-test-0123456789");
  vi.resetModules();
  const appRouter = await import("@/lib/server/db/client");
  vi.resetModules();
  const pagesApi = await import("@/lib/server/db/client");
  expect(pagesApi).not.toBe(appRouter);
  expect(pagesApi.prisma === appRouter.prisma, "one Prisma client").toBe(true);

  await pagesApi.prisma.user.count();
  // What an ack that ran out of retries does (lib/server/http/failure.ts), from the Pages side.
  await pagesApi.resetConnections();
  await expect(appRouter.prisma.user.count()).resolves.toBeGreaterThanOrEqual(0);
});
