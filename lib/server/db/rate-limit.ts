import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { query } from "./sql";

/**
 * Counts one hit against `key` in the fixed window containing `now`, atomically (one upsert),
 * and returns the count so far in that window.
 */
export async function countHit(key: string, windowStart: number): Promise<number> {
  // Past Prisma (sql.ts): every send counts one.
  const rows = await query<{ count: number | bigint }>(Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = excluded."windowStart"
                     THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = excluded."windowStart"
    RETURNING "count"`);
  return Number(rows[0]?.count ?? 1);
}

/** The count in the window containing `now`, without counting anything. */
export async function currentCount(key: string, windowStart: number): Promise<number> {
  const row = await prisma.rateLimit.findUnique({
    where: { key },
    select: { windowStart: true, count: true },
  });
  return row && Number(row.windowStart) === windowStart ? row.count : 0;
}
