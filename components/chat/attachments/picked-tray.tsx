"use client";

import { useEffect, useRef } from "react";
import { formatBytes } from "@/lib/core/attachments";
import type { PickedFile } from "@/lib/client/attachments/picked";
import { FileIcon } from "./file-icon";

// Files are picked: the message they go in will show them with this code.
void import("./message-attachments").catch(() => {});

/** The files waiting for Send, above the text box: a thumbnail or icon, the name, and Remove. */
export function PickedTray({ files, onRemove }: { files: PickedFile[]; onRemove: (id: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attachments to send" className="flex gap-2 overflow-x-auto px-3 pt-3">
      {files.map((f) => (
        <li
          key={f.id}
          className="flex max-w-56 shrink-0 items-center gap-2 rounded-xl border border-slate-200 bg-slate-50 p-1.5 pr-1 text-xs dark:border-slate-700 dark:bg-slate-900"
        >
          {f.kind === "image" ? <Thumbnail file={f.file} /> : <FileIcon contentType={f.contentType} />}
          <span className="min-w-0">
            <span className="block truncate font-medium">{f.name}</span>
            <span className="text-slate-500 dark:text-slate-400">{formatBytes(f.size)}</span>
          </span>
          <button
            type="button"
            aria-label={`Remove ${f.name}`}
            onClick={() => onRemove(f.id)}
            className="focus-visible:outline-brand-500 grid h-7 w-7 shrink-0 place-items-center rounded-full text-slate-500 hover:bg-slate-200 focus-visible:outline-2 dark:hover:bg-slate-800"
          >
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <path d="M2 2l8 8M10 2l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A picked picture, small: its blob: URL lives as long as it is shown here. */
function Thumbnail({ file }: { file: Blob }) {
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(file);
    img.current!.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a local blob: preview, not an optimisable asset
    <img ref={img} alt="" width={36} height={36} className="h-9 w-9 rounded-lg bg-slate-200 object-cover" />
  );
}
