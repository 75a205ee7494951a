// Previews of queued pictures: a blob: URL per file of a message in the outbox, made once from the
// Blob IndexedDB keeps (every snapshot reads new Blob objects, so they are keyed by message and
// file, not by Blob) and revoked once the message has left the outbox. Loaded with the code that
// shows attachments: a page whose outbox holds no files never runs it.
import { outboxSnapshot, subscribeOutbox } from "@/lib/client/outbox/outbox";
import type { OutboxFile } from "@/lib/client/outbox/record";

export type QueuedPreview = Omit<OutboxFile, "file" | "uploadId"> & { previewUrl?: string };

const urls = new Map<string, string>();

// Sent, discarded or signed out: nothing will show that message's previews again.
subscribeOutbox(() => {
  const queued = new Set(outboxSnapshot().records.map((r) => r.clientId));
  for (const [key, url] of urls) {
    if (queued.has(key.slice(0, key.indexOf("/")))) continue;
    URL.revokeObjectURL(url);
    urls.delete(key);
  }
});

/** What a queued message shows of its files: their metadata, and a preview for pictures. */
export function previewsOf(clientId: string, files: readonly OutboxFile[]): QueuedPreview[] {
  return files.map(({ file, uploadId: _id, ...meta }) => {
    if (meta.kind !== "image") return meta;
    const key = `${clientId}/${meta.id}`;
    let url = urls.get(key);
    if (!url) urls.set(key, (url = URL.createObjectURL(file)));
    return { ...meta, previewUrl: url };
  });
}
