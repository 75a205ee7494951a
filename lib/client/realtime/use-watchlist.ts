"use client";
// The online dots of the conversation list: the people I share direct chats with, from the
// connection's watchlist (watchlist.ts), asking for a fresh watchlist when a new chat's peer lacks one.
import { useRealtime } from "./use-channel";
import { refreshWatchlist, useOnline } from "./watchlist";

export function useWatchlist(peerIds: string[]) {
  const key = peerIds.join(",");
  useRealtime(`watchlist:${key}`, (pusher) => {
    if (key) refreshWatchlist(pusher, key.split(","));
    return () => {};
  });
  return useOnline();
}
