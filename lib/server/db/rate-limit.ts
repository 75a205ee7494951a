import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { query } from "./sql";

/**
 * Counts one hit against `key` in the fixed window starting at `windowStart`, atomically (one
 * upsert), and returns the count so far in that window.
 */
export async function countHit(key: string, windowStart: number): Promise<number> {
  // Past Prisma (sql.ts), like the same statement inside a send's batch (countHitSql).
  const rows = await query<{ count: number | bigint }>(countHitSql(key, windowStart));
  return Number(rows[0]?.count ?? 1);
}

/**
 * countHit's statement, for a write that counts itself in its own transaction (a send, in
 * insertMessage's batch): it answers the count so far, this hit included.
 */
export function countHitSql(key: string, windowStart: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = excluded."windowStart"
                     THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = excluded."windowStart"
    RETURNING "count"`;
}

/**
 * A hit a write counts in its own transaction (lib/server/rate-limit.ts makes it): the row to count
 * it in, the window it is in, how many the window allows, and what to throw past that.
 */
export type Hit = { key: string; windowStart: number; max: number; refusal: () => Error };

/** SQL that is true while the hit's window has at most `max` counted (after countHitSql). */
export function withinLimitSql(hit: Hit): Prisma.Sql {
  return Prisma.sql`(SELECT "count" FROM "RateLimit" WHERE "key" = ${hit.key}) <= ${hit.max}`;
}

/** The count in the window containing `now`, without counting anything. */
export async function currentCount(key: string, windowStart: number): Promise<number> {
  const row = await prisma.rateLimit.findUnique({
    where: { key },
    select: { windowStart: true, count: true },
  });
  return row && Number(row.windowStart) === windowStart ? row.count : 0;
}
