"use client";

import { fitBox } from "@/lib/client/attachments/fit";

/**
 * A picture in a message, in a box of its final size from the first render (the message carries
 * its pixel size), so nothing below it moves when it loads. A click opens it large.
 */
export function ImageTile({
  src,
  name,
  width,
  height,
  max,
  square,
  onOpen,
}: {
  src: string;
  name: string;
  width?: number;
  height?: number;
  max: number;
  /** Thumbnails of several pictures: same-size squares, cropped to fill. */
  square?: boolean;
  onOpen?: () => void;
}) {
  const box = square ? { width: max, height: max } : fitBox(width, height, max);
  const image = (
    // eslint-disable-next-line @next/next/no-img-element -- served from the object store (or a local preview), not optimisable by Next
    <img
      src={src}
      alt={name}
      width={box.width}
      height={box.height}
      loading="lazy"
      decoding="async"
      style={{ width: box.width, height: box.height }}
      className="block bg-slate-200 object-cover dark:bg-slate-700"
    />
  );
  if (!onOpen) return <div className="overflow-hidden rounded-xl">{image}</div>;
  return (
    <button
      type="button"
      aria-label={`Open ${name}`}
      onClick={onOpen}
      className="focus-visible:outline-brand-500 block overflow-hidden rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2"
    >
      {image}
    </button>
  );
}
