import "server-only";
import { prisma } from "./client";
import { joinLobby } from "./conversations";
import { dbFailure } from "./errors";
import { publicUserSelect } from "./users";

/** Creates a user and makes them a member of the lobby; null when the username is taken. */
export async function createUserInLobby(data: { username: string; name: string; passwordHash: string }) {
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data, select: publicUserSelect });
      await joinLobby(tx, user.id);
      return user;
    });
  } catch (error) {
    if (dbFailure(error) === "unique") return null;
    throw error;
  }
}
