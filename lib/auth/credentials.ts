import "server-only";
import { findUserForSignIn } from "@/lib/db/users";
import { signInSchema } from "@/lib/validations/auth";
import { verifyPassword } from "./password";

/** The user whose username and password these are, or null (same answer for every failure). */
export async function verifyCredentials(raw: unknown) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const user = await findUserForSignIn(parsed.data.username);
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok) return null;
  return { id: user.id, username: user.username, name: user.name };
}
