// Whether I reacted with an emoji. The server says so (`me`) in what it answers me; an event is the
// same for every member and leaves it out, so a copy that doesn't say keeps what this view knew, and
// an event says who toggled what — which settles it when that was me (my other tab).
import type { MessageChangedEvent, ReactionSummary } from "@/lib/core/types";

/** Mine: what the server said, else whether I'm among the people it listed. */
export const isMine = (r: ReactionSummary, meId: string) => r.me ?? r.users.some((u) => u.id === meId);

/** Summaries from a copy that doesn't say which are mine: `me` as the held copy knew it. */
export function keepMine(
  incoming: ReactionSummary[] | undefined,
  held: ReactionSummary[] | undefined,
): ReactionSummary[] | undefined {
  if (!incoming || !held || incoming.every((r) => r.me !== undefined)) return incoming;
  const known = new Map(held.map((r) => [r.emoji, r.me]));
  return incoming.map((r) => {
    const me = r.me ?? known.get(r.emoji);
    return me === undefined ? r : { ...r, me };
  });
}

/** An event's summaries with my own toggle (from another tab of mine) applied. */
export function withMyToggle(
  reactions: ReactionSummary[] | undefined,
  toggle: MessageChangedEvent["reaction"],
  meId: string,
): ReactionSummary[] | undefined {
  if (!reactions || !toggle || toggle.userId !== meId) return reactions;
  return reactions.map((r) => (r.emoji === toggle.emoji ? { ...r, me: toggle.on } : r));
}
