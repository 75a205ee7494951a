// Files a person picked, as the composer and the outbox hold them (pick-files.ts checks them,
// loaded when the first file is picked).
import type { AllowedType, AttachmentKind } from "@/lib/core/attachments";

/** What a message shows of a file before the server has it: a local preview for pictures. */
export type PendingAttachment = {
  id: string;
  name: string;
  contentType: AllowedType;
  size: number;
  kind: AttachmentKind;
  width?: number;
  height?: number;
  /** blob: URL of the picked file (pictures only). */
  previewUrl?: string;
};

export type PickedFile = PendingAttachment & { file: Blob };

export function discard(files: PickedFile[]) {
  for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
}

/** What the outbox keeps of picked files: each with its Blob, without this page's preview URL. */
export function toQueued(files: PickedFile[]): (Omit<PendingAttachment, "previewUrl"> & { file: Blob })[] {
  return files.map(({ previewUrl: _url, ...queued }) => queued);
}
