import "server-only";
import { mayShowLastSeen, wentOffline, type WebhookBatch } from "@/lib/core/realtime/last-seen";
import { lastSeenPair, recordLastSeen } from "@/lib/server/db/users";

/**
 * Records last seen from a verified webhook batch: whose own channel was vacated (their last
 * connection gone). At most one write per user in the batch (≤ 100 events a batch).
 */
export async function recordWebhook(batch: WebhookBatch): Promise<{ recorded: number }> {
  return { recorded: await recordLastSeen(wentOffline(batch)) };
}

/** A direct chat's peer's last seen as the viewer may see it: undefined unless both share theirs. */
export async function lastSeenFor(
  viewerId: string,
  peerId: string,
): Promise<{ at: string | null } | undefined> {
  const rows = await lastSeenPair(viewerId, peerId);
  const viewer = rows.find((r) => r.id === viewerId);
  const peer = rows.find((r) => r.id === peerId);
  if (!viewer || !peer || !mayShowLastSeen(viewer, peer)) return undefined;
  return { at: peer.lastSeenAt?.toISOString() ?? null };
}
