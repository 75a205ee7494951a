import "server-only";
import { countHit, currentCount, type Hit } from "@/lib/server/db/rate-limit";
import { env } from "./env";
import { AppError } from "./errors";

export type { Hit };

export type Limit = { name: string; max: number; windowMs: number };

// Generous for people, tight for scripts. Sendbird allows 5 messages/s per user; a burst of 30
// in 10 s covers fast typists and pasted lists. Load tests raise them through the environment.
export const LIMITS = {
  get send(): Limit {
    return { name: "send", max: env().RATE_LIMIT_SENDS_PER_10S ?? 30, windowMs: 10_000 };
  },
  // Presigned uploads per user: ten files a message, a few messages in a row.
  get upload(): Limit {
    return { name: "upload", max: 60, windowMs: 10_000 };
  },
  get signInFailures(): Limit {
    return { name: "signin", max: env().RATE_LIMIT_SIGNIN_FAILURES ?? 10, windowMs: 15 * 60_000 };
  },
};

function window(limit: Limit, now: number) {
  const start = Math.floor(now / limit.windowMs) * limit.windowMs;
  return { start, retryAfter: Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000)) };
}

/** Seconds until the current window of `limit` ends. */
export function secondsToWindowEnd(limit: Limit, now = Date.now()) {
  return window(limit, now).retryAfter;
}

function tooMany(limit: Limit, retryAfter: number, message: string) {
  return new AppError("rate_limited", message, { limit: limit.name, retryAfter });
}

/**
 * One attempt to count against `limit`: where it is counted, how many the window allows, and the
 * 429 (with Retry-After) past that. consume() counts it on its own; a write can count it in its
 * own transaction instead (insertMessage: a send is counted and stored in one commit).
 */
export function hit(limit: Limit, subject: string, message = "Too many requests, slow down"): Hit {
  const { start, retryAfter } = window(limit, Date.now());
  return {
    key: `${limit.name}:${subject}`,
    windowStart: start,
    max: limit.max,
    refusal: () => tooMany(limit, retryAfter, message),
  };
}

/** Counts the attempt on its own; throws 429 (with Retry-After) once the window's max is passed. */
export async function count(attempt: Hit) {
  if ((await countHit(attempt.key, attempt.windowStart)) > attempt.max) throw attempt.refusal();
}

/** Counts one attempt; throws 429 (with Retry-After) once `max` is exceeded in the window. */
export async function consume(limit: Limit, subject: string, message?: string) {
  await count(hit(limit, subject, message));
}

/** Throws 429 if `subject` has already used up the window, without counting this attempt. */
export async function ensureNotExhausted(limit: Limit, subject: string, message: string) {
  const now = Date.now();
  const { start, retryAfter } = window(limit, now);
  if ((await currentCount(`${limit.name}:${subject}`, start)) >= limit.max) {
    throw tooMany(limit, retryAfter, message);
  }
}

/** The client's address as the proxy in front of us reports it (first X-Forwarded-For hop). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
