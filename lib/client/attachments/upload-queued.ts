// Uploading a queued message's files, straight to the object store, from the outbox's sender
// (loaded with the first message that carries files). The Blobs live in the outbox record
// (IndexedDB), so a failed upload or send is retried without picking the files again, and each
// file's upload id is saved with the record as soon as it is uploaded: a retry — in this tab or
// after a reload — doesn't upload it twice.
import type { UploadTicket } from "@/lib/core/attachments";
import type { Message } from "@/lib/core/types";
import { ClientError, postJson } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import type { OutboxFile, OutboxRecord } from "@/lib/client/outbox/record";
import { setUploadProgress } from "./progress";
import { putFile } from "./put-file";

type Save = (files: OutboxFile[]) => Promise<void>;

/**
 * One attempt at a message with files: the files first, straight to the object store (still
 * Sending, with its progress), then the message naming them (`post`, the outbox's send).
 */
export async function deliverWithFiles(
  record: OutboxRecord,
  save: Save,
  post: (record: OutboxRecord, attachmentIds: string[]) => Promise<Message>,
): Promise<Message> {
  try {
    const message = await post(record, await uploadQueuedFiles(record, save));
    await afterAttempt(record, save);
    return message;
  } catch (error) {
    await afterAttempt(record, save, error);
    throw error;
  }
}

/**
 * Uploads what hasn't been uploaded yet, one file after another (progress then only moves
 * forward, shown inside Sending), and answers the upload ids in the files' order.
 */
async function uploadQueuedFiles(record: OutboxRecord, save: Save): Promise<string[]> {
  const files = [...(record.files ?? [])];
  const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
  let done = files.reduce((sum, f) => sum + (f.uploadId ? f.size : 0), 0);
  setUploadProgress(record.clientId, done / total);
  for (const [i, f] of files.entries()) {
    if (f.uploadId) continue;
    const { upload } = await postJson<{ upload: UploadTicket }>(keys.uploads(record.conversationId), {
      clientId: record.clientId,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      ...(f.width && f.height ? { width: f.width, height: f.height } : {}),
    });
    await putFile(upload, f.file, (loaded) => setUploadProgress(record.clientId, (done + loaded) / total));
    files[i] = { ...f, uploadId: upload.id };
    await save(files);
    done += f.size;
  }
  return files.map((f) => f.uploadId!);
}

/** After an attempt, whatever its outcome: the progress bar goes; refused uploads are forgotten. */
async function afterAttempt(record: OutboxRecord, save: Save, error?: unknown) {
  setUploadProgress(record.clientId, undefined);
  // The server couldn't take the uploads (gone, expired, not what they claimed): a retry uploads
  // the files again rather than naming the same uploads.
  if (error instanceof ClientError && error.code === "unprocessable" && record.files) {
    await save(record.files.map(({ uploadId: _id, ...f }) => f));
  }
}
