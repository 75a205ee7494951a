"use client";
// A direct chat's subtitle: "online" from the watchlist; when not, "last seen …" if both people
// share it (the API sends `lastSeen` only then), from the later of the stored time (the realtime
// server's webhook) and the offline event this tab heard; otherwise the peer's @username.
import { useNow } from "@/lib/client/now";
import { relativeTimeFormatter } from "@/lib/client/relative-time";
import { useOnline } from "./watchlist";

const formatter = relativeTimeFormatter();

export function usePeerStatus(
  peer: { id: string; username: string } | undefined,
  lastSeen: { at: string | null } | undefined,
): string | null {
  const { isOnline, offlineAt } = useOnline();
  const now = useNow();
  if (!peer) return null;
  if (isOnline(peer.id)) return "online";
  const at = lastSeen ? Math.max(offlineAt(peer.id) ?? 0, lastSeen.at ? Date.parse(lastSeen.at) : 0) : 0;
  if (!at || now === null) return `@${peer.username}`;
  return `last seen ${formatter.relative(new Date(at), new Date(Math.max(now, at))).replace(/^Y/, "y")}`;
}
