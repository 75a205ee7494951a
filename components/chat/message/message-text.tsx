import { isBigEmoji, linkify } from "@/lib/core/message-text";

/**
 * A message's text: text nodes and, for http(s) URLs only, links that open in a new tab without
 * handing it this page (noopener) or our referrer, and that vouch for nothing (nofollow). User text
 * is never parsed as HTML. Anything long wraps inside the bubble, even a URL without a break.
 */
export function MessageText({ body, mine, className }: { body: string; mine: boolean; className: string }) {
  const big = isBigEmoji(body);
  return (
    <div
      className={`[overflow-wrap:anywhere] whitespace-pre-wrap ${big ? "text-4xl leading-tight" : ""} ${className}`}
      data-emoji-only={big || undefined}
    >
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
