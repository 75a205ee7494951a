"use client";

import { useEffect, useRef } from "react";

/**
 * A picture at full size, on the native modal <dialog>: Escape and the Close button close it, a
 * click beside the picture too, and focus goes back to the thumbnail (the browser does that).
 */
export function Lightbox({
  src,
  name,
  width,
  height,
  onClose,
}: {
  src: string;
  name: string;
  width?: number;
  height?: number;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-label={name}
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && dialog.current.close()}
      className="m-auto max-h-none max-w-none bg-transparent p-0 backdrop:bg-slate-950/85"
    >
      <div className="flex flex-col items-center gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- served from the object store through a short-lived link */}
        <img
          src={src}
          alt={name}
          width={width}
          height={height}
          className="h-auto max-h-[85dvh] w-auto max-w-[92vw] rounded-lg object-contain shadow-2xl"
        />
        <div className="flex items-center gap-3 text-sm text-white">
          <span className="max-w-[60vw] truncate">{name}</span>
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded-full bg-white/15 px-4 py-1.5 font-medium hover:bg-white/25 focus-visible:outline-2 focus-visible:outline-white"
          >
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
