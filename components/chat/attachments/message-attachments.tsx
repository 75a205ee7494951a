"use client";

import { lazy, Suspense, useState } from "react";
import type { Attachment } from "@/lib/core/attachments";
import { keys } from "@/lib/client/keys";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { FileRow } from "./file-row";
import { ImageTile } from "./image-tile";
import { UploadProgress } from "./upload-progress";

// Opened on a click only: its code loads then.
const Lightbox = lazy(() => import("./lightbox").then((m) => ({ default: m.Lightbox })));

// One picture takes up to this many pixels a side; several are squares half as big.
const SINGLE = 260;
const THUMB = 124;

/** The pictures and files of a message: stored ones from the object store, sending ones from the device. */
export function MessageAttachments({
  message,
  conversationId,
}: {
  message: ClientMessage;
  conversationId: string;
}) {
  const [open, setOpen] = useState<Attachment | null>(null);
  const stored = !message.pending;
  const list = message.pending ?? message.attachments ?? [];
  if (list.length === 0) return null;
  const srcOf = (a: { id: string; previewUrl?: string }): string =>
    stored ? keys.attachment(conversationId, a.id) : (a.previewUrl ?? "");
  const images = list.filter((a) => a.kind === "image");
  const files = list.filter((a) => a.kind !== "image");
  return (
    <div data-testid="attachments" className="flex flex-col gap-1.5">
      {images.length > 0 ? (
        <div className={images.length > 1 ? "grid grid-cols-2 gap-1" : ""}>
          {images.map((a) => (
            <ImageTile
              key={a.id}
              src={srcOf(a)}
              name={a.name}
              width={a.width}
              height={a.height}
              max={images.length > 1 ? THUMB : SINGLE}
              square={images.length > 1}
              onOpen={stored ? () => setOpen(a as Attachment) : undefined}
            />
          ))}
        </div>
      ) : null}
      {files.map((a) => (
        <FileRow
          key={a.id}
          name={a.name}
          size={a.size}
          contentType={a.contentType}
          href={stored ? srcOf(a) : undefined}
        />
      ))}
      {message.local === "sending" && message.pending ? <UploadProgress clientId={message.clientId} /> : null}
      {open ? (
        <Suspense fallback={null}>
          <Lightbox
            src={srcOf(open)}
            name={open.name}
            width={open.width}
            height={open.height}
            onClose={() => setOpen(null)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
