import "server-only";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Attachment } from "@/lib/core/attachments";
import { store } from "./client";

/** An upload URL lives long enough for 10 MB on a slow line, not for sharing around. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/**
 * Read links are signed for a window start (rounded down) and valid for two windows: a page
 * asking again within a window gets the same URL, so the browser's cache holds the image, and
 * a link outlives its last issue by 5–10 minutes. That is also how long a removed member's copy
 * of a link keeps working.
 */
export const READ_WINDOW_SECONDS = 5 * 60;

/**
 * A presigned PUT for exactly this size and type: both are signed headers, so S3 refuses any
 * other body or type (as does the local store).
 */
export async function presignUpload(input: { key: string; contentType: string; size: number }) {
  const { client, config } = store();
  const command = new PutObjectCommand({
    Bucket: config.bucket,
    Key: input.key,
    ContentType: input.contentType,
    ContentLength: input.size,
  });
  const url = await getSignedUrl(client, command, {
    expiresIn: UPLOAD_URL_SECONDS,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
  // Content-Length is the browser's to set from the body; the type must be sent as signed.
  return { url, headers: { "content-type": input.contentType } };
}

/** RFC 6266: a quoted ASCII fallback and the exact name, percent-encoded. */
export function contentDisposition(kind: "inline" | "attachment", name: string) {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * A short-lived read link. Pictures are served inline with their verified type; everything else
 * as a download (Content-Disposition: attachment), so no upload ever renders as a page.
 */
export async function presignRead(attachment: Attachment & { key: string }, now = Date.now()) {
  const { client, config } = store();
  const windowStart = Math.floor(now / (READ_WINDOW_SECONDS * 1000)) * READ_WINDOW_SECONDS * 1000;
  const command = new GetObjectCommand({
    Bucket: config.bucket,
    Key: attachment.key,
    ResponseContentType: attachment.contentType,
    ResponseContentDisposition: contentDisposition(
      attachment.kind === "image" ? "inline" : "attachment",
      attachment.name,
    ),
    ResponseCacheControl: `private, max-age=${READ_WINDOW_SECONDS}`,
  });
  const url = await getSignedUrl(client, command, {
    expiresIn: 2 * READ_WINDOW_SECONDS,
    signingDate: new Date(windowStart),
  });
  return { url, expiresAt: windowStart + 2 * READ_WINDOW_SECONDS * 1000 };
}
