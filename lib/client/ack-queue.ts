// This tab's receipt acks: the rules of lib/core/ack-coalescer.ts with the app's settings, the
// batch endpoint, and what a person is told when acks keep failing.
import { currentSocketId } from "@/lib/client/realtime/connection";
import {
  AckCoalescer,
  APP_ACK_POLICY,
  type AckEntryResult,
  type AckKind,
  type AckMarks,
} from "@/lib/core/ack-coalescer";
import { isRefusal, postJson } from "./api";
import { keys } from "./keys";
import { toast } from "./toast";

const TELL_AFTER_FAILURES = 3;

type Listener = (conversationId: string, result: AckMarks) => void;

const listeners = new Set<Listener>();
let failures = 0;

const queue = new AckCoalescer({
  ...APP_ACK_POLICY,
  post: async (marks) =>
    (
      await postJson<{ results: AckEntryResult[] }>(
        keys.delivered(),
        { marks, socketId: currentSocketId() },
        { keepalive: true },
      )
    ).results,
  onAcked: (conversationId, result) => {
    failures = 0;
    for (const listener of listeners) listener(conversationId, result);
  },
  // Not a member any more (removed from a group): nothing to acknowledge there.
  onRefused: () => {},
  onError: (error) => {
    // Refused whole (signed out, bad request): retrying can't help.
    if (isRefusal(error)) {
      toast("Couldn't update your read receipts.", "ack");
      return "drop";
    }
    // Offline or the server hiccupped: try again a little later. Said once a few retries have
    // failed: one hiccup isn't worth a word.
    if (navigator.onLine && ++failures >= TELL_AFTER_FAILURES)
      toast("Couldn't send read receipts. Retrying…", "ack");
    return "retry";
  },
});

/** Called with the server's watermarks after each ack (to update unread badges). */
export function onAcked(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function ack(conversationId: string, kind: AckKind, upTo: number) {
  queue.ack(conversationId, kind, upTo);
}

/**
 * What the server already has (from a page load, or our own send); acks at or below it are
 * skipped. `tell`: the list hears it too — a conversation's page can be newer than the list's copy
 * (read on another device while an event was missed), and an ack skipped as already known would
 * then never clear the list's badge.
 */
export function noteServerMarks(conversationId: string, marks: AckMarks, tell = false) {
  queue.noteServerMarks(conversationId, marks);
  if (tell) for (const listener of listeners) listener(conversationId, marks);
}
