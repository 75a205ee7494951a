// Another process holding the database's write lock (BEGIN IMMEDIATE), as a migration, a backup or
// a second app instance might: the app's writes wait out their busy timeout, then answer 503 with
// Retry-After. Started by the soak; says `{locked: true}` once it holds the lock, and lets go when
// told (or when the soak goes away).
import { createClient } from "@libsql/client";

const file = process.env.CHAOS_DB!;
const db = createClient({ url: `file:${file}` });
// Its own wait for the lock: a write of the app's may hold it for a moment.
await db.execute("PRAGMA busy_timeout = 30000");
const tx = await db.transaction("write");
process.send?.({ locked: true });
const release = async () => {
  await tx.rollback().catch(() => {});
  db.close();
  process.exit(0);
};
process.on("message", () => void release());
process.on("disconnect", () => void release());
