// How a message's text is shown, as data (the browser renders the parts as text nodes and <a>s,
// never as HTML): which runs are web links, and whether it is only a few emoji (shown larger).
import { isOneEmoji } from "./validations/emoji";

export type TextPart = { text: string; href?: string };

// A candidate: an http(s) scheme and everything up to whitespace or a character no URL holds
// unescaped. Only these two schemes are ever links: "javascript:", "data:", "file:" and the rest
// stay text, whatever their spelling. A host must follow the slashes ("https:///x" would be
// read as https://x/, a link that isn't what it says).
const CANDIDATE =
  /\bhttps?:\/\/[^\s/\\<>"'`\u00A0\u2000-\u200B\u3000][^\s<>"'`\u00A0\u2000-\u200B\u3000]*/giu;
// Sentence punctuation after a link ("see https://x.org.") belongs to the sentence.
const TRAILING = /[.,:;!?…'"”’»]+$/u;

/** Cuts what ends a sentence rather than the link, and a closing bracket the link didn't open. */
function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, "");
  for (const [open, close] of [
    ["(", ")"],
    ["[", "]"],
    ["{", "}"],
  ] as const) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) {
      url = url.slice(0, -1).replace(TRAILING, "");
    }
  }
  return url;
}

/** A link's target when `url` is a well-formed http(s) URL with a host, else null. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.hostname ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The text in order, split into plain runs and http(s) links (`href` set). */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    // "xhttps://…" isn't a link: the scheme must start a word (\b lets a letter before it through
    // only when that letter is a non-ASCII one).
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) continue;
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    if (!href) continue;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ text: url, href });
    at = start + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter() : null;

/** Messages of at most this many emoji (and nothing else but spaces) are shown large. */
export const BIG_EMOJI_MAX = 3;

/** Whether the text is 1–3 emoji, spaces aside (each checked by the one-emoji rule). */
export function isBigEmoji(text: string): boolean {
  const trimmed = text.trim();
  if (!segmenter || trimmed.length === 0 || trimmed.length > BIG_EMOJI_MAX * 32) return false;
  let count = 0;
  for (const { segment } of segmenter.segment(trimmed)) {
    if (/^\s+$/u.test(segment)) continue;
    if (++count > BIG_EMOJI_MAX || !isOneEmoji(segment)) return false;
  }
  return count > 0;
}
