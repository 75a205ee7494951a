import "server-only";
import { CredentialsSignin } from "next-auth";
import { findUserForSignIn } from "@/lib/server/db/users";
import { AppError } from "@/lib/server/errors";
import { LIMITS, consume, ensureNotExhausted } from "@/lib/server/rate-limit";
import { signInSchema } from "@/lib/core/validations/auth";
import { verifyPassword } from "./password";

/** Sign-in refused because of too many failures for this username from this address. */
export class TooManySignInAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const TOO_MANY = "Too many failed sign-ins, try again later";

/**
 * The user whose username and password these are, or null (the same answer for every failure).
 * Failures are counted per username and client address; past the limit the attempt is refused
 * before the password is even checked, so guessing stops paying.
 */
export async function verifyCredentials(raw: unknown, ip = "unknown") {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const subject = `${parsed.data.username}:${ip}`;
  try {
    await ensureNotExhausted(LIMITS.signInFailures, subject, TOO_MANY);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") throw new TooManySignInAttempts();
    throw error;
  }
  const user = await findUserForSignIn(parsed.data.username);
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok) {
    await consume(LIMITS.signInFailures, subject, TOO_MANY).catch(() => {});
    return null;
  }
  return { id: user.id, username: user.username, name: user.name };
}
