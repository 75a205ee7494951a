import { isBigEmoji, linkify } from "@/lib/core/message-text";

/**
 * Text with links or only emoji: http(s) URLs become links that open in a new tab without
 * handing it this page (noopener) or our referrer, and that vouch for nothing (nofollow); one to
 * three emoji alone show large. Still text nodes: user text is never parsed as HTML.
 */
export default function RichText({
  body,
  mine,
  className,
}: {
  body: string;
  mine: boolean;
  className: string;
}) {
  const big = isBigEmoji(body);
  return (
    <div className={`${className} ${big ? "text-4xl leading-tight" : ""}`} data-emoji-only={big || undefined}>
      {linkify(body).map((part, i) =>
        part.href ? (
          <a
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className={`underline underline-offset-2 ${mine ? "text-white" : "text-brand-700 dark:text-brand-100"}`}
          >
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </div>
  );
}
