// The files of messages being sent, kept in memory until their message is stored: a failed
// upload or send is retried from here without picking the files again, and a file already
// uploaded isn't uploaded twice. (The durable outbox will keep these Blobs across reloads.)
import type { UploadTicket } from "@/lib/core/attachments";
import { postJson } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { discard, type PickedFile } from "./picked";
import { setUploadProgress } from "./progress";
import { putFile } from "./put-file";

type Held = { files: PickedFile[]; uploadIds: (string | undefined)[] };

const held = new Map<string, Held>();

export function holdFiles(clientId: string, files: PickedFile[]) {
  if (files.length > 0) held.set(clientId, { files, uploadIds: files.map(() => undefined) });
}

export function holdsFiles(clientId: string): boolean {
  return held.has(clientId);
}

/**
 * Uploads what hasn't been uploaded yet, one file after another (progress then only moves
 * forward), and answers the upload ids in the files' order.
 */
export async function uploadHeldFiles(conversationId: string, clientId: string): Promise<string[]> {
  const entry = held.get(clientId);
  if (!entry) return [];
  const total = entry.files.reduce((sum, f) => sum + f.size, 0);
  let done = entry.files.reduce((sum, f, i) => sum + (entry.uploadIds[i] ? f.size : 0), 0);
  setUploadProgress(clientId, done / total);
  for (const [i, f] of entry.files.entries()) {
    if (entry.uploadIds[i]) continue;
    const { upload } = await postJson<{ upload: UploadTicket }>(keys.uploads(conversationId), {
      clientId,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      ...(f.width && f.height ? { width: f.width, height: f.height } : {}),
    });
    await putFile(upload, f.file, (loaded) => setUploadProgress(clientId, (done + loaded) / total));
    entry.uploadIds[i] = upload.id;
    done += f.size;
  }
  return entry.uploadIds as string[];
}

/** The server couldn't use the uploads (expired, refused): the next attempt uploads again. */
export function forgetUploads(clientId: string) {
  const entry = held.get(clientId);
  if (entry) entry.uploadIds = entry.uploadIds.map(() => undefined);
}

/** The message is stored: its files and previews can go. */
export function releaseFiles(clientId: string) {
  const entry = held.get(clientId);
  if (entry) discard(entry.files);
  held.delete(clientId);
  setUploadProgress(clientId, undefined);
}
