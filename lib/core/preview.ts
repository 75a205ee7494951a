// A message in one line — the chat list, the outbox's summary, a desktop notification, the list's
// last message on the server: its text, or what it carries when it has no text.
import type { AttachmentKind } from "./attachments";

type Carried = { kind: AttachmentKind; name: string };

/** "hello", "📷 look", "📷 2 photos", "📎 Q3.pdf". */
export function previewOf(message: { body: string; attachments?: readonly Carried[] }): string {
  const files = message.attachments ?? [];
  const icon = files.length === 0 ? "" : files.every((f) => f.kind === "image") ? "📷" : "📎";
  if (message.body) return icon ? `${icon} ${message.body}` : message.body;
  if (files.length === 0) return "";
  if (files.length > 1) return `${icon} ${files.length} ${icon === "📷" ? "photos" : "files"}`;
  return files[0]!.kind === "image" ? `${icon} Photo` : `${icon} ${files[0]!.name}`;
}
