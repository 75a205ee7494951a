// Attachments as both sides see them: how many, how big, and the shapes on the wire
// (docs/architecture.md, "Attachments"). Which types may be sent is file-types.ts.
import type { AllowedType } from "./file-types";

export type { AllowedType } from "./file-types";

/** Largest file (bytes): one presigned PUT, never through a route handler. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments per message. */
export const MAX_ATTACHMENTS = 10;
/**
 * A file name as shown and offered for download, in characters. Short enough that a message with
 * 10 files, a long caption and a reply's quote still fits one realtime event (< 10 KB; 64 didn't
 * once replies came, tests/unit/event-budget.test.ts); the browser shortens longer names, keeping
 * the extension.
 */
export const FILE_NAME_MAX_CHARS = 48;

export type AttachmentKind = "image" | "file";

/** An attachment of a stored message: its verified type, and for images their size in pixels. */
export type Attachment = {
  id: string;
  name: string;
  contentType: AllowedType;
  size: number;
  kind: AttachmentKind;
  width?: number;
  height?: number;
};

/** A presigned upload: PUT the file's bytes to `url` with exactly `headers`, then send `id`. */
export type UploadTicket = { id: string; url: string; headers: Record<string, string> };

export type PublicStorageConfig = { enabled: true } | { enabled: false; reason: string };

/** Pictures show inline; everything else is a download. (Only allow-listed types get this far.) */
export function kindOf(type: AllowedType): AttachmentKind {
  return type.startsWith("image/") ? "image" : "file";
}

/**
 * What the file picker offers, by extension (the browser's hint only; every file is checked).
 * The extensions of file-types.ts, kept short here because every conversation page loads this
 * module (tests/unit/attachment-rules.test.ts holds the two together).
 */
export const ACCEPT = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.zip,.docx,.xlsx,.pptx,.txt,.md,.log,.csv,.mp3,.mp4";

/** "1.2 MB", "340 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** A message in one line (the list, notifications): its text, or what it carries. */
export function previewOf(message: { body: string; attachments?: Attachment[] }): string {
  const files = message.attachments ?? [];
  const icon = files.length === 0 ? "" : files.every((f) => f.kind === "image") ? "📷" : "📎";
  if (message.body) return icon ? `${icon} ${message.body}` : message.body;
  if (files.length === 0) return "";
  if (files.length > 1) return `${icon} ${files.length} ${icon === "📷" ? "photos" : "files"}`;
  return files[0]!.kind === "image" ? `${icon} Photo` : `${icon} ${files[0]!.name}`;
}
