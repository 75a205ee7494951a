// This tab's receipt acks: the coalescing rules of ack-coalescer.ts with the app's settings (at most
// one request per conversation per 300 ms, trailing edge), its endpoints, and what a person is told
// when acks keep failing.
import { currentSocketId } from "@/lib/client/realtime/connection";
import { AckCoalescer, type AckKind, type AckMarks } from "@/lib/core/ack-coalescer";
import { isRefusal, postJson } from "./api";
import { keys } from "./keys";
import { toast } from "./toast";

const WINDOW_MS = 300;
const RETRY_MS = 3000;
const TELL_AFTER_FAILURES = 3;

type Listener = (conversationId: string, result: AckMarks) => void;

const listeners = new Set<Listener>();
let failures = 0;

const queue = new AckCoalescer({
  windowMs: WINDOW_MS,
  retryMs: RETRY_MS,
  post: (conversationId, kind, upTo) =>
    postJson<AckMarks>(
      keys.ack(conversationId, kind),
      { upTo, socketId: currentSocketId() },
      { keepalive: true },
    ),
  onAcked: (conversationId, result) => {
    failures = 0;
    for (const listener of listeners) listener(conversationId, result);
  },
  onError: (error) => {
    // Refused (not a member any more, bad seq): retrying can't help.
    if (isRefusal(error)) {
      toast("Couldn't update your read receipts in a conversation.", "ack");
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

/** What the server already has (from a page load, or our own send); acks at or below it are skipped. */
export function noteServerMarks(conversationId: string, marks: AckMarks) {
  queue.noteServerMarks(conversationId, marks);
}
