import "server-only";
import {
  MAX_ATTACHMENT_BYTES,
  kindOf,
  type AllowedType,
  type Attachment,
  type UploadTicket,
} from "@/lib/core/attachments";
import type { UploadRequest } from "@/lib/core/validations/attachments";
import {
  countUploads,
  deleteAttachmentRows,
  findAttachment,
  findUploads,
  insertUpload,
  detachAttachments,
  type AttachmentRow,
  type UploadRow,
} from "@/lib/server/db/attachments";
import { newId } from "@/lib/server/db/ids";
import { AppError, notFound } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { consume, LIMITS } from "@/lib/server/rate-limit";
import { cleanupNowAndThen, ORPHAN_AGE_MS, UPLOAD_USABLE_MS } from "@/lib/server/storage/cleanup";
import { deleteObjects } from "@/lib/server/storage/delete";
import { inspectObject } from "@/lib/server/storage/inspect";
import { objectKey } from "@/lib/server/storage/keys";
import { presignRead, presignUpload } from "@/lib/server/storage/presign";
import { SNIFF_BYTES, sniff } from "@/lib/server/storage/sniff";
import { requireMembership } from "./access";

// Room for a message's 10 files to be uploaded again after failures, not for a scripted flood.
const UPLOADS_PER_MESSAGE = 30;

const unprocessable = (message: string, attachmentId?: string) =>
  new AppError("unprocessable", message, attachmentId ? { attachmentId } : undefined);

/**
 * A presigned PUT for one file of a message about to be sent: for a member, a type on the
 * allow-list, at most 10 MB; the key is bound to the member, the conversation and the message's
 * clientId. The bytes go straight to the store, never through this server.
 */
export async function createUpload(input: {
  userId: string;
  conversationId: string;
  upload: UploadRequest;
}): Promise<UploadTicket> {
  const { userId, conversationId, upload } = input;
  await requireMembership(conversationId, userId);
  if (upload.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError("payload_too_large", `A file is at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  }
  await consume(LIMITS.upload, userId, "You're uploading too fast, wait a moment");
  if ((await countUploads(userId, upload.clientId)) >= UPLOADS_PER_MESSAGE) {
    throw new AppError("bad_request", "Too many uploads for one message");
  }
  const id = newId();
  const key = objectKey({ conversationId, userId, clientId: upload.clientId, id });
  // Presigning is local (no request to the store) and refuses first when attachments are off.
  const { url, headers } = await presignUpload({ key, contentType: upload.contentType, size: upload.size });
  await insertUpload({ id, conversationId, uploaderId: userId, key, ...upload });
  await cleanupNowAndThen();
  return { id, url, headers };
}

/**
 * The uploads a message names, checked and turned into its attachments: each must be the
 * sender's own upload for this conversation and this message (clientId), complete, of the size
 * announced, and its first bytes must be what it claims to be (the name is never trusted).
 */
export async function takeUploads(input: {
  userId: string;
  conversationId: string;
  clientId: string;
  ids: string[];
}): Promise<AttachmentRow[]> {
  const rows = new Map((await findUploads(input.ids)).map((r) => [r.id, r]));
  const now = Date.now();
  const uploads = input.ids.map((id) => {
    const row = rows.get(id);
    const mine =
      row &&
      row.uploaderId === input.userId &&
      row.conversationId === input.conversationId &&
      row.clientId === input.clientId &&
      row.messageId === null;
    if (!mine) throw unprocessable("An attachment isn't one of your uploads for this message", id);
    if (now - row.createdAt.getTime() > UPLOAD_USABLE_MS) {
      throw unprocessable(`The upload of ${row.name} has expired: send it again`, id);
    }
    return row;
  });
  return Promise.all(uploads.map(verify));
}

async function verify(upload: UploadRow): Promise<AttachmentRow> {
  const inspection = await inspectObject(upload.key).catch((error: unknown) => {
    throw new AppError("unavailable", "The file storage isn't answering, try again in a moment", {
      cause: String(error),
    });
  });
  if (!inspection.found)
    throw unprocessable(`${upload.name} never finished uploading: send it again`, upload.id);
  if (inspection.size !== upload.size) {
    throw unprocessable(`${upload.name} isn't the size it was announced at: send it again`, upload.id);
  }
  const verdict = await sniff(
    inspection.sample,
    upload.contentType as AllowedType,
    upload.size <= SNIFF_BYTES,
  );
  if (!verdict.ok) {
    // Nothing may ever fetch it: the object goes now rather than with the orphans.
    await forget([upload]).catch(() => {});
    throw unprocessable(`${upload.name} can't be sent: ${verdict.reason}`, upload.id);
  }
  const { width, height } = verdict.value;
  return {
    id: upload.id,
    name: upload.name,
    size: upload.size,
    contentType: verdict.value.contentType,
    width: width ?? upload.width,
    height: height ?? upload.height,
  };
}

async function forget(rows: { id: string; key: string }[]) {
  await deleteObjects(rows.map((r) => r.key));
  await deleteAttachmentRows(
    rows.map((r) => r.id),
    false,
  );
}

/** An attachment as a message carries it. */
export function toAttachment(row: AttachmentRow): Attachment {
  const contentType = row.contentType as AllowedType;
  return {
    id: row.id,
    name: row.name,
    contentType,
    size: row.size,
    kind: kindOf(contentType),
    ...(row.width && row.height ? { width: row.width, height: row.height } : {}),
  };
}

/** A short-lived link to an attachment's bytes on the store, for members only. */
export async function attachmentLink(input: {
  userId: string;
  conversationId: string;
  attachmentId: string;
}) {
  await requireMembership(input.conversationId, input.userId);
  const row = await findAttachment(input.conversationId, input.attachmentId);
  // An upload no message took is nobody's to read, not even its uploader's.
  if (!row?.messageId) throw notFound("No such attachment");
  return presignRead({ ...toAttachment(row), key: row.key });
}

/**
 * Deletes messages' files, object and row (delete for everyone). The rows first let go of their
 * messages, dated past the orphan age: from that moment no link is given for them (only attached
 * files are linked) and no send can take them. Then objects and rows go at once; if the store
 * isn't answering, the next orphan cleanup finishes the job. The message is gone either way, so
 * a store failure doesn't fail the caller. Answers how many files the messages had.
 */
export async function deleteAttachmentsOf(messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const rows = await detachAttachments(messageIds, detachedFilesDate());
  await deleteDetached(rows);
  return rows.length;
}

/** When detached files say they were uploaded: past the orphan age, so cleanup takes them. */
export function detachedFilesDate(): Date {
  return new Date(Date.now() - ORPHAN_AGE_MS - 60_000);
}

/**
 * Deletes detached files, objects then rows, after the commit that detached them. A store that
 * isn't answering fails nothing: the rows stay orphans and the next cleanup finishes the job.
 */
export async function deleteDetached(rows: { id: string; key: string }[]) {
  if (rows.length === 0) return;
  try {
    await forget(rows);
  } catch (error) {
    log("warn", "deleting a message's files failed; orphan cleanup retries", { error });
  }
}
