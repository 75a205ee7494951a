// Attachments as both sides see them: how many, how big, and the shapes on the wire
// (docs/architecture.md, "Attachments"). Which types may be sent is file-types.ts; what the file
// picker offers, accept.ts; a message in one line, preview.ts (the conversation page loads those
// two at once, this module only once files are picked or shown).
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

/** "1.2 MB", "340 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
