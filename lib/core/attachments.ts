// Attachments as both sides see them: what may be sent, how big, and the shapes on the wire
// (docs/architecture.md, "Attachments"). The server sniffs every upload's bytes against these
// types before a message may reference it; the browser checks the same rules first, to say no early.

/** Largest file (bytes): one presigned PUT, never through a route handler. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments per message. */
export const MAX_ATTACHMENTS = 10;
/**
 * A file name as shown and offered for download, in characters. Short enough that a message with
 * 10 files and a long caption still fits one realtime event (< 10 KB); the browser shortens longer
 * names, keeping the extension.
 */
export const FILE_NAME_MAX_CHARS = 64;

/** Shown inline. No SVG: it is a document that can run script, not a picture. */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
/** Offered for download only (Content-Disposition: attachment). No HTML, SVG or XML of any kind. */
export const FILE_TYPES = [
  "application/pdf",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "text/plain",
  "text/csv",
  "audio/mpeg",
  "video/mp4",
] as const;
export const ALLOWED_TYPES = [...IMAGE_TYPES, ...FILE_TYPES] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** What a person is told the allow-list is. */
export const ALLOWED_DESCRIPTION =
  "pictures (JPEG, PNG, GIF, WebP), PDF, Office documents, ZIP, text, CSV, MP3 and MP4";

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

export function isAllowedType(type: string): type is AllowedType {
  return (ALLOWED_TYPES as readonly string[]).includes(type);
}

export function kindOf(type: AllowedType): AttachmentKind {
  return (IMAGE_TYPES as readonly string[]).includes(type) ? "image" : "file";
}

// Names browsers (and operating systems) give the same types, and types by extension for files
// the browser couldn't name.
const ALIASES: Record<string, AllowedType> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "application/x-zip-compressed": "application/zip",
  "audio/mp3": "audio/mpeg",
};
const BY_EXTENSION: Record<string, AllowedType> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  zip: "application/zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  txt: "text/plain",
  md: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
};

/** The allow-listed type a picked file declares, or null: from its type, else its extension. */
export function declaredType(file: { type: string; name: string }): AllowedType | null {
  const type = file.type.toLowerCase().split(";")[0]!.trim();
  if (isAllowedType(type)) return type;
  if (ALIASES[type]) return ALIASES[type];
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  // A known extension only helps when the browser said nothing specific (Windows calls CSV
  // files application/vnd.ms-excel).
  if (!type || type === "application/octet-stream" || type === "application/vnd.ms-excel") {
    return (extension && BY_EXTENSION[extension]) || null;
  }
  return null;
}

/** A name cut to `max` characters (code points), keeping its extension: "a very lo….pdf". */
export function shortenName(name: string, max = FILE_NAME_MAX_CHARS): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const extension = /\.[^.\s]{1,10}$/.exec(name)?.[0] ?? "";
  return `${chars
    .slice(0, max - 1 - extension.length)
    .join("")
    .trimEnd()}…${extension}`;
}

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
