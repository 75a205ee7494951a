import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";

/**
 * Scheduled jobs are called by the host's scheduler with `Authorization: Bearer $CRON_SECRET`
 * (what Vercel Cron sends); without a configured secret nobody may call them.
 */
export function requireCronSecret(request: Request) {
  const secret = env().CRON_SECRET;
  if (!secret) throw new AppError("not_found", "Scheduled jobs are off: CRON_SECRET is not set");
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "Wrong or missing cron secret");
  }
}
