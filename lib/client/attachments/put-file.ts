// The upload itself: the bytes go straight to the object store with the presigned URL, never
// through the app's server. XMLHttpRequest, because fetch reports no upload progress.
import type { UploadTicket } from "@/lib/core/attachments";
import { ClientError } from "@/lib/client/api";

export function putFile(
  ticket: UploadTicket,
  body: Blob,
  onProgress: (loaded: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", ticket.url);
    // Exactly the signed headers: anything else and the store refuses the signature.
    for (const [name, value] of Object.entries(ticket.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      reject(
        new ClientError({ code: "internal", message: `The file storage refused the upload (${xhr.status})` }),
      );
    };
    xhr.onerror = xhr.onabort = () =>
      reject(new ClientError({ code: "network", message: "The upload was cut off. Check your connection." }));
    xhr.send(body);
  });
}
