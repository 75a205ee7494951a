"use client";
// Message search as you type: asks the server once typing pauses, shows the answer to the latest
// query only (an earlier one that answers late is dropped), and pages back on request.
import { useCallback, useEffect, useRef, useState } from "react";
import { searchTerms, type SearchHit, type SearchResults } from "@/lib/core/search";
import { errorMessage, fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";

const PAUSE_MS = 250;

export type MessageSearch = {
  /** The query these results are for ("" before any). */
  query: string;
  results: SearchHit[];
  next: number | null;
  loading: boolean;
  error: string | null;
};

const idle: MessageSearch = { query: "", results: [], next: null, loading: false, error: null };

export function useMessageSearch(q: string, conversationId?: string) {
  const [state, setState] = useState<MessageSearch>(idle);
  const asked = useRef(0);

  const ask = useCallback(
    async (query: string, before: number | undefined) => {
      const n = ++asked.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const page = await fetcher<SearchResults>(keys.search({ q: query, conversationId, before }));
        if (n !== asked.current) return;
        setState((s) => ({
          query,
          results: before === undefined ? page.results : [...s.results, ...page.results],
          next: page.next,
          loading: false,
          error: null,
        }));
      } catch (error) {
        if (n !== asked.current) return;
        setState((s) => ({ ...s, loading: false, error: errorMessage(error, "Couldn't search.") }));
      }
    },
    [conversationId],
  );

  const query = q.trim();
  useEffect(() => {
    if (searchTerms(query).length === 0) {
      asked.current++;
      setState(idle);
      return;
    }
    const timer = setTimeout(() => void ask(query, undefined), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query, ask]);

  const more = useCallback(() => {
    if (state.next !== null && !state.loading) void ask(state.query, state.next);
  }, [ask, state.next, state.loading, state.query]);

  const searching = searchTerms(query).length > 0;
  return { ...state, searching, pending: searching && (query !== state.query || state.loading), more };
}
