"use client";

import { useNow } from "@/lib/client/now";
import { relativeTimeFormatter, type RelativeStyle } from "@/lib/client/relative-time";

const formatter = relativeTimeFormatter();

/** "5 min ago", with the full local date and time on hover; blank until the browser's clock is known. */
export function RelativeTime({ iso, style }: { iso: string; style?: RelativeStyle }) {
  const now = useNow();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={now === null ? undefined : formatter.full(date)}>
      {now === null ? "\u00a0" : formatter.relative(date, new Date(now), style)}
    </time>
  );
}
