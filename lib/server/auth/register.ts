import "server-only";
import { createUserInLobby } from "@/lib/server/db/users-write";
import { AppError } from "@/lib/server/errors";
import type { RegisterInput } from "@/lib/core/validations/auth";
import { hashPassword } from "./password";

/** Creates an account (a member of the lobby from now on); 409 when the username is taken. */
export async function registerUser(input: RegisterInput) {
  const passwordHash = await hashPassword(input.password);
  const user = await createUserInLobby({
    username: input.username,
    name: input.name ?? input.username,
    passwordHash,
  });
  if (!user) throw new AppError("conflict", "That username is taken");
  return user;
}
