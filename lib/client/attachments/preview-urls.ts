// Previews of queued pictures: a blob: URL per file of a message in the outbox, made once from the
// Blob IndexedDB keeps (every snapshot reads new Blob objects, so they are keyed by message and
// file, not by Blob) and revoked when the message has left the outbox.
import type { OutboxFile } from "@/lib/client/outbox/record";
import type { PendingAttachment } from "./picked";

const urls = new Map<string, string>();

/** What a queued message shows of its files: their metadata, and a preview for pictures. */
export function previewsOf(clientId: string, files: readonly OutboxFile[]): PendingAttachment[] {
  return files.map(({ file, uploadId: _id, ...meta }) => {
    if (meta.kind !== "image") return meta;
    const key = `${clientId}/${meta.id}`;
    let url = urls.get(key);
    if (!url) urls.set(key, (url = URL.createObjectURL(file)));
    return { ...meta, previewUrl: url };
  });
}

/** Revokes the previews of messages no longer queued. */
export function keepPreviews(clientIds: ReadonlySet<string>) {
  for (const [key, url] of urls) {
    if (clientIds.has(key.slice(0, key.indexOf("/")))) continue;
    URL.revokeObjectURL(url);
    urls.delete(key);
  }
}
