"use client";

import { lazy, Suspense, useState } from "react";
import type { Attachment } from "@/lib/core/attachments";
import { previewsOf, type QueuedPreview } from "@/lib/client/attachments/preview-urls";
import { keys } from "@/lib/client/keys";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { AttachmentsLayout } from "./attachments-layout";
import { FileRow } from "./file-row";
import { ImageTile } from "./image-tile";
import { UploadProgress } from "./upload-progress";

// Opened on a click only: its code loads then.
const Lightbox = lazy(() => import("./lightbox").then((m) => ({ default: m.Lightbox })));

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
  const list: QueuedPreview[] = message.pending
    ? previewsOf(message.clientId, message.pending)
    : (message.attachments ?? []);
  if (list.length === 0) return null;
  const srcOf = (a: QueuedPreview): string =>
    stored ? keys.attachment(conversationId, a.id) : (a.previewUrl ?? "");
  return (
    <>
      <AttachmentsLayout
        list={list}
        image={(a, box) => (
          <ImageTile
            key={a.id}
            src={srcOf(a)}
            name={a.name}
            box={box}
            onOpen={stored ? () => setOpen(a as Attachment) : undefined}
          />
        )}
        file={(a) => (
          <FileRow
            key={a.id}
            name={a.name}
            size={a.size}
            contentType={a.contentType}
            href={stored ? srcOf(a) : undefined}
          />
        )}
      >
        {message.local === "sending" && message.pending ? (
          <UploadProgress clientId={message.clientId} />
        ) : null}
      </AttachmentsLayout>
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
    </>
  );
}
