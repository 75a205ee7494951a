// A file a person picked, as the composer holds it until Send and the outbox keeps it after
// (pick-files.ts checks it, loaded when the first file is picked).
import type { AllowedType, AttachmentKind } from "@/lib/core/attachments";

export type PickedFile = {
  id: string;
  name: string;
  contentType: AllowedType;
  size: number;
  kind: AttachmentKind;
  /** Pictures: their size in pixels (a message reserves their box before they load). */
  width?: number;
  height?: number;
  file: Blob;
};
