// "Go to this message" from outside the open conversation's view (a search result): the view of
// that conversation jumps at once if it is open, or when it opens (the request waits for it).
type Jump = (seq: number) => void;

const views = new Map<string, Jump>();
let waiting: { conversationId: string; seq: number } | null = null;

/** Jumps now if the conversation is open (true); else keeps it for when it opens (false). */
export function requestJump(conversationId: string, seq: number): boolean {
  const jump = views.get(conversationId);
  if (jump) {
    jump(seq);
    return true;
  }
  waiting = { conversationId, seq };
  return false;
}

/** The open view's part: takes jumps for its conversation, one waiting included. */
export function onJumpRequest(conversationId: string, jump: Jump): () => void {
  views.set(conversationId, jump);
  if (waiting?.conversationId === conversationId) {
    const { seq } = waiting;
    waiting = null;
    jump(seq);
  }
  return () => {
    if (views.get(conversationId) === jump) views.delete(conversationId);
  };
}
