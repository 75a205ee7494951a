import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN } = env();
  // A busy timeout lets a second process (seed, migrate, another worker) wait for the write lock
  // instead of failing at once; within this process the adapter already serialises transactions.
  const adapter = new PrismaLibSQL({ url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN, timeout: 5000 });
  return new PrismaClient({ adapter });
}

// One client per process; dev hot reloads would otherwise open a new one per edit.
export const prisma = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
