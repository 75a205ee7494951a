// Coalesced receipt acks: at most one request per conversation per ~300 ms, carrying the highest
// seq, and never one that can't move a watermark. One ack covers any number of messages.
import { currentSocketId } from "@/lib/realtime/client";
import { ApiError, postJson } from "./api";

const DELAY_MS = 300;

type Marks = { delivered: number; read: number };
type Result = { deliveredSeq: number; readSeq: number };
type Listener = (conversationId: string, result: Result) => void;

const wanted = new Map<string, Marks>();
const acked = new Map<string, Marks>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const listeners = new Set<Listener>();

/** Called with the server's watermarks after each ack (to update unread badges). */
export function onAcked(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function ack(conversationId: string, kind: "delivered" | "read", upTo: number) {
  if (upTo <= 0) return;
  const w = wanted.get(conversationId) ?? { delivered: 0, read: 0 };
  const next = { ...w, [kind]: Math.max(w[kind], upTo) };
  // Reading implies delivery, so a read ack carries both.
  next.delivered = Math.max(next.delivered, next.read);
  wanted.set(conversationId, next);
  if (!timers.has(conversationId)) {
    timers.set(
      conversationId,
      setTimeout(() => void flush(conversationId), DELAY_MS),
    );
  }
}

/** What the server already has; acks at or below it are skipped. */
export function noteServerMarks(conversationId: string, marks: Result) {
  const a = acked.get(conversationId) ?? { delivered: 0, read: 0 };
  acked.set(conversationId, {
    delivered: Math.max(a.delivered, marks.deliveredSeq),
    read: Math.max(a.read, marks.readSeq),
  });
}

async function flush(conversationId: string) {
  timers.delete(conversationId);
  const w = wanted.get(conversationId);
  const a = acked.get(conversationId) ?? { delivered: 0, read: 0 };
  if (!w) return;
  const kind = w.read > a.read ? "read" : w.delivered > a.delivered ? "delivered" : null;
  if (!kind) return;
  const upTo = kind === "read" ? w.read : w.delivered;
  try {
    const result = await postJson<Result>(
      `/api/conversations/${conversationId}/${kind}`,
      {
        upTo,
        socketId: currentSocketId(),
      },
      { keepalive: true },
    );
    noteServerMarks(conversationId, result);
    for (const listener of listeners) listener(conversationId, result);
  } catch (error) {
    // Refused (not a member any more, bad seq): retrying can't help.
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
      wanted.delete(conversationId);
      return;
    }
    // Offline or the server hiccupped: keep what we want and try again a little later.
    timers.set(
      conversationId,
      setTimeout(() => void flush(conversationId), 3000),
    );
    return;
  }
  const still = wanted.get(conversationId);
  const done = acked.get(conversationId)!;
  if (still && (still.read > done.read || still.delivered > done.delivered)) {
    timers.set(
      conversationId,
      setTimeout(() => void flush(conversationId), DELAY_MS),
    );
  }
}
