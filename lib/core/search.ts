// Message search's rules, both sides: what a query may be, how it becomes an FTS5 expression that
// can't be a syntax error, and how a marked snippet comes back as plain parts (never HTML).

/** A search result: one message, where it is, who wrote it, and its text around the match. */
export type SearchHit = {
  conversationId: string;
  seq: number;
  createdAt: string;
  sender: { id: string; name: string; username: string };
  /** The text around the match; `match: true` parts are what was searched for. */
  parts: SnippetPart[];
};

export type SnippetPart = { text: string; match: boolean };

export type SearchResults = {
  results: SearchHit[];
  /** Pass as `before` for the next (older) page; null when there is nothing older. */
  next: number | null;
};

export const SEARCH_QUERY_MAX = 100;
export const SEARCH_MAX_TERMS = 8;
export const SEARCH_PAGE = 20;

/** Snippet markers: control characters, which message text can't contain (validations/text.ts). */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";

/**
 * The words of a query that can match anything: runs of letters, digits and marks (what the
 * index's unicode61 tokenizer keeps). Punctuation and FTS5 operators are separators, so `"`, `*`,
 * `NEAR(`, `OR`, `-` in user input are plain text, never syntax.
 */
export function searchTerms(q: string): string[] {
  const words = q.normalize("NFKC").match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.slice(0, SEARCH_MAX_TERMS);
}

/**
 * The FTS5 MATCH expression: every term must appear in the text (each a quoted string, the last
 * one also as a prefix, since people search as they type), within the conversations given.
 * Null when the query has no words (nothing can match).
 */
export function ftsExpression(q: string, conversationIds: string[]): string | null {
  const terms = searchTerms(q);
  if (terms.length === 0 || conversationIds.length === 0) return null;
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const body = terms.map((t, i) => (i === terms.length - 1 ? `${quote(t)}*` : quote(t))).join(" ");
  const chats = conversationIds.map(quote).join(" OR ");
  return `{conversationId} : (${chats}) AND {body} : (${body})`;
}

/** A snippet with MATCH_START/MATCH_END markers, as parts to render as text. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of snippet.split(/([\u0001\u0002])/)) {
    if (piece === MATCH_START) match = true;
    else if (piece === MATCH_END) match = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.match === match) last.text += piece;
      else parts.push({ text: piece, match });
    }
  }
  return parts;
}
