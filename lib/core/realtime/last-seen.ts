// Last seen, as the realtime server tells it (never as a browser claims it): a user's own channel
// (`private-user-{id}`, which every open tab of theirs holds) vacated means their last connection
// went. The webhook's time is when the server created the batch.
import { parseChannel } from "./channels";

export type WebhookBatch = { time_ms: number; events: { name: string; channel?: string }[] };

/** Who went offline in a webhook batch, once each, and when. Other events are ignored. */
export function wentOffline(batch: WebhookBatch, now = Date.now()): { userId: string; at: Date }[] {
  // A clock ahead of ours must not date anyone in the future.
  const at = new Date(Math.min(batch.time_ms, now));
  const users = new Set<string>();
  for (const event of batch.events) {
    if (event.name !== "channel_vacated" || !event.channel) continue;
    const parsed = parseChannel(event.channel);
    if (parsed?.kind === "user") users.add(parsed.userId);
  }
  return [...users].map((userId) => ({ userId, at }));
}

/** Whether a viewer sees a peer's last seen: both must share theirs (reciprocal, as WhatsApp). */
export function mayShowLastSeen(viewer: { shareLastSeen: boolean }, peer: { shareLastSeen: boolean }) {
  return viewer.shareLastSeen && peer.shareLastSeen;
}
