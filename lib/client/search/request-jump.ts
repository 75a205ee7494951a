import { jumps } from "@/lib/client/conversation/jump-request";

/** Jumps now if the conversation is open (true); else keeps it for when it opens (false). */
export function requestJump(conversationId: string, seq: number): boolean {
  const jump = jumps.views.get(conversationId);
  if (jump) jump(seq);
  else jumps.waiting = [conversationId, seq];
  return Boolean(jump);
}
