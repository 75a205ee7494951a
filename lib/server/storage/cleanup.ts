import "server-only";
import { deleteAttachmentRows, listOrphans } from "@/lib/server/db/attachments";
import { log } from "@/lib/server/log";
import { deleteObjects } from "./delete";

/** Uploads no message took are deleted, object and row, once they are this old. */
export const ORPHAN_AGE_MS = 24 * 3600_000;
/**
 * A send may take an upload until it is this old, an hour before cleanup may delete it: a
 * message never references a file that is being deleted under it.
 */
export const UPLOAD_USABLE_MS = 23 * 3600_000;
// Bounded work per run: one indexed query and one DeleteObjects request.
const BATCH = 200;
// Opportunistic runs (lib/server/chat/attachments.ts) at most this often per server instance.
const EVERY_MS = 10 * 60_000;

/** Deletes up to one batch of orphan uploads older than 24 h; answers how many went. */
export async function cleanupOrphanUploads(input: { now?: Date; limit?: number } = {}) {
  const now = input.now ?? new Date();
  const orphans = await listOrphans(new Date(now.getTime() - ORPHAN_AGE_MS), input.limit ?? BATCH);
  if (orphans.length === 0) return { deleted: 0 };
  // Objects first: a row left behind by a failure is found again next time; an object whose row
  // went first would be found by nothing.
  await deleteObjects(orphans.map((o) => o.key));
  return {
    deleted: await deleteAttachmentRows(
      orphans.map((o) => o.id),
      true,
    ),
  };
}

let lastRun = 0;

/**
 * The cleanup that needs no scheduler (a serverless host keeps no process running): a batch
 * whenever someone uploads, at most every 10 minutes per instance. Never fails the caller.
 */
export async function cleanupNowAndThen(now = Date.now()) {
  if (now - lastRun < EVERY_MS) return;
  lastRun = now;
  try {
    await cleanupOrphanUploads({ now: new Date(now) });
  } catch (error) {
    log("warn", "orphan upload cleanup failed; the next run retries", { error });
  }
}
