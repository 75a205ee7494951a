"use client";

import type { Box } from "./attachments-layout";

/**
 * A picture in a message, in its box from the first render (the layout sizes it from the
 * picture's pixel size), so nothing below it moves when it loads. A click opens it large.
 */
export function ImageTile({
  src,
  name,
  box,
  onOpen,
}: {
  src: string;
  name: string;
  box: Box;
  onOpen?: () => void;
}) {
  const image = (
    // eslint-disable-next-line @next/next/no-img-element -- served from the object store (or a local preview), not optimisable by Next
    <img
      src={src}
      alt={name}
      width={box.width}
      height={box.height}
      loading="lazy"
      decoding="async"
      style={box}
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
