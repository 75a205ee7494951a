/** The e2e server's database file (playwright.config.ts starts it on a fresh copy per port). */
export const e2eDatabaseFile = `.tmp/e2e-${Number(process.env.E2E_PORT ?? 3101)}.db`;

/**
 * Takes someone out of a conversation, as an admin would (the app has no such screen yet): what
 * the server then refuses — a send after removal — is the real refusal.
 */
export async function removeMember(conversationId: string, username: string) {
  // Loaded here, not at the top: playwright.config.ts imports this file for the path alone.
  const { createClient } = await import("@libsql/client");
  const db = createClient({ url: `file:./${e2eDatabaseFile}` });
  try {
    await db.execute("PRAGMA busy_timeout = 5000");
    await db.execute({
      sql: `DELETE FROM "Member" WHERE "conversationId" = ? AND "userId" = (SELECT "id" FROM "User" WHERE "username" = ?)`,
      args: [conversationId, username],
    });
  } finally {
    db.close();
  }
}
