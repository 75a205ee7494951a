// Which files may be sent: the allow-list the server sniffs every upload's bytes against, and how
// the browser names a picked file's type (by its type, else its extension) to say no early.
// Loaded by the browser only when a file is picked.
import { FILE_NAME_MAX_CHARS } from "./attachments";

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

export function isAllowedType(type: string): type is AllowedType {
  return (ALLOWED_TYPES as readonly string[]).includes(type);
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
