import "server-only";
import type { Prisma } from "./generated/client";
import { prisma, type Tx } from "./client";

/** What a message shows of each attachment (the key stays on the server). */
export const attachmentSelect = {
  id: true,
  name: true,
  contentType: true,
  size: true,
  width: true,
  height: true,
} as const satisfies Prisma.AttachmentSelect;

export type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentSelect }>;

export type UploadRow = AttachmentRow & {
  conversationId: string;
  uploaderId: string;
  clientId: string;
  key: string;
  messageId: string | null;
  createdAt: Date;
};

const uploadSelect = {
  ...attachmentSelect,
  conversationId: true,
  uploaderId: true,
  clientId: true,
  key: true,
  messageId: true,
  createdAt: true,
} as const satisfies Prisma.AttachmentSelect;

export function insertUpload(data: {
  id: string;
  conversationId: string;
  uploaderId: string;
  clientId: string;
  key: string;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
}) {
  return prisma.attachment.create({ data, select: { id: true } });
}

/** How many uploads one message being sent has had presigned (indexed by uploader + clientId). */
export function countUploads(uploaderId: string, clientId: string) {
  return prisma.attachment.count({ where: { uploaderId, clientId } });
}

export function findUploads(ids: string[]): Promise<UploadRow[]> {
  return prisma.attachment.findMany({ where: { id: { in: ids } }, select: uploadSelect });
}

/** One attachment of a conversation, with the key to read it by (null: no such one there). */
export function findAttachment(conversationId: string, id: string): Promise<UploadRow | null> {
  return prisma.attachment.findFirst({ where: { id, conversationId }, select: uploadSelect });
}

/** The attachments of messages, in their order (for rows read without Prisma's relations). */
export async function listAttachments(messageIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const rows = await prisma.attachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { ...attachmentSelect, messageId: true },
    orderBy: { position: "asc" },
  });
  const byMessage = new Map<string, AttachmentRow[]>();
  for (const { messageId, ...row } of rows) {
    const list = byMessage.get(messageId!) ?? [];
    list.push(row);
    byMessage.set(messageId!, list);
  }
  return byMessage;
}

/** Uploads no message took, created before `before`, oldest first (the messageId index). */
export function listOrphans(before: Date, limit: number) {
  return prisma.attachment.findMany({
    where: { messageId: null, createdAt: { lt: before } },
    select: { id: true, key: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
}

/**
 * Lets go of messages' attachments and answers them (id, key): from then on they are orphans as
 * old as `createdAt` says, so nothing links them and cleanup takes whatever isn't deleted at once.
 */
export function detachAttachments(messageIds: string[], createdAt: Date) {
  return prisma.$transaction((tx) => detachAttachmentsIn(tx, messageIds, createdAt));
}

/** The same, inside the caller's transaction (delete for everyone: with the tombstone). */
export async function detachAttachmentsIn(tx: Tx, messageIds: string[], createdAt: Date) {
  const rows = await tx.attachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { id: true, key: true },
  });
  if (rows.length > 0) {
    await tx.attachment.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { messageId: null, createdAt },
    });
  }
  return rows;
}

/** Deletes rows, but only while they are still what the caller saw (orphans stay orphans). */
export async function deleteAttachmentRows(ids: string[], onlyOrphans: boolean) {
  const { count } = await prisma.attachment.deleteMany({
    where: { id: { in: ids }, ...(onlyOrphans ? { messageId: null } : {}) },
  });
  return count;
}
