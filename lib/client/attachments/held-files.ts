// The files of messages being sent, kept in memory until their message is stored: a failed
// upload or send is retried from here without picking the files again, and a file already
// uploaded isn't uploaded twice (upload-held.ts). (The durable outbox will keep these Blobs
// across reloads.)
import { discard, type PickedFile } from "./picked";
import { setUploadProgress } from "./progress";

export type Held = { files: PickedFile[]; uploadIds: (string | undefined)[] };

const held = new Map<string, Held>();

/** The held files of a message being sent (upload-held.ts uploads them). */
export function heldFiles(clientId: string): Held | undefined {
  return held.get(clientId);
}

export function holdFiles(clientId: string, files: PickedFile[]) {
  if (files.length > 0) held.set(clientId, { files, uploadIds: files.map(() => undefined) });
}

export function holdsFiles(clientId: string): boolean {
  return held.has(clientId);
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
