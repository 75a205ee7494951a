// Uploading a message's held files, straight to the object store; loaded with the first message
// that carries files.
import type { UploadTicket } from "@/lib/core/attachments";
import { postJson } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import { heldFiles } from "./held-files";
import { setUploadProgress } from "./progress";
import { putFile } from "./put-file";

/**
 * Uploads what hasn't been uploaded yet, one file after another (progress then only moves
 * forward), and answers the upload ids in the files' order.
 */
export async function uploadHeldFiles(conversationId: string, clientId: string): Promise<string[]> {
  const entry = heldFiles(clientId);
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
