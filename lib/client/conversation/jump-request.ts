// "Go to this message" from outside the open conversation's view (a search result): the view of
// that conversation jumps at once if it is open, or when it opens (the request waits for it).
// The requesting side (requestJump) is in the search's own chunk; this part is on every page.
type Jump = (seq: number) => unknown;

export const jumps: { views: Map<string, Jump>; waiting?: [conversationId: string, seq: number] } = {
  views: new Map(),
};

/** The open view's part: takes jumps for its conversation, one waiting included. */
export function onJumpRequest(conversationId: string, jump: Jump): () => void {
  jumps.views.set(conversationId, jump);
  if (jumps.waiting?.[0] === conversationId) {
    jump(jumps.waiting[1]);
    jumps.waiting = undefined;
  }
  return () => jumps.views.delete(conversationId);
}
