"use client";

import { useNow } from "@/lib/client/now";
import { relativeTimeFormatter, type RelativeStyle } from "@/lib/client/relative-time";

const formatter = relativeTimeFormatter();

/**
 * "5 min ago", with the full local date and time on hover; blank until the browser's clock is known.
 * As a `clock` (under messages, where day separators give the date): "14:05", and "5 min ago" on hover.
 */
export function RelativeTime({ iso, style, clock }: { iso: string; style?: RelativeStyle; clock?: boolean }) {
  const now = useNow();
  const date = new Date(iso);
  if (now === null) return <time dateTime={iso}>{"\u00a0"}</time>;
  const relative = formatter.relative(date, new Date(now), style);
  return (
    <time dateTime={iso} title={clock ? `${relative} · ${formatter.full(date)}` : formatter.full(date)}>
      {clock ? formatter.clock(date) : relative}
    </time>
  );
}
