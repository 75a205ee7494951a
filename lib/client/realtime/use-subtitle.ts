"use client";

import type { ConversationDetail, User } from "@/lib/core/types";
import { onlineWords, usePresence, usePresenceAsOf } from "./presence";
import { usePeerStatus } from "./watchlist";

/**
 * The open conversation's subtitle. A direct chat (`peer`, its other person): the peer "online" (from the watchlist), "last
 * seen …" or their @username. A group: its size and "N online" (its presence channel). While this
 * device is offline itself, "online" is the last known state, marked "as of" the moment it went.
 */
export function useSubtitle(detail: ConversationDetail, meId: string, peer: User | undefined): string {
  const { conversation } = detail;
  const presence = usePresence(conversation.kind === "direct" ? [] : [conversation.id]);
  const online = presence(conversation.id);
  const peerStatus = usePeerStatus(peer, detail.lastSeen);
  const asOf = usePresenceAsOf();
  if (peerStatus === "online") return onlineWords(asOf);
  if (peerStatus) return peerStatus;
  const othersOnline = online ? [...online].filter((id) => id !== meId).length : 0;
  return `${conversation.memberCount} members${othersOnline ? ` · ${othersOnline} ${onlineWords(asOf)}` : ""}`;
}
