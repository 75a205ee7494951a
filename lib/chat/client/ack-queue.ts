// Coalesced receipt acks: at most one request per conversation per ~300 ms, carrying the highest
// seq, and never one that can't move a watermark. One ack covers any number of messages: the
// first ack of a burst waits out the window so the rest of the burst rides along (the benchmark
// measured a leading-edge variant: more requests for no better median).
import { currentSocketId } from "@/lib/realtime/client";
import { ApiError, postJson } from "./api";
import { toast } from "./toast";

const WINDOW_MS = 300;
const RETRY_MS = 3000;
const TELL_AFTER_FAILURES = 3;

type Marks = { delivered: number; read: number };
type Result = { deliveredSeq: number; readSeq: number };
type Listener = (conversationId: string, result: Result) => void;

type State = {
  wanted: Marks;
  acked: Marks;
  inFlight: boolean;
  timer: ReturnType<typeof setTimeout> | null;
};

const states = new Map<string, State>();
let failures = 0;
const listeners = new Set<Listener>();

function stateOf(conversationId: string): State {
  let s = states.get(conversationId);
  if (!s) {
    s = {
      wanted: { delivered: 0, read: 0 },
      acked: { delivered: 0, read: 0 },
      inFlight: false,
      timer: null,
    };
    states.set(conversationId, s);
  }
  return s;
}

const pending = (s: State) => s.wanted.read > s.acked.read || s.wanted.delivered > s.acked.delivered;

/** Called with the server's watermarks after each ack (to update unread badges). */
export function onAcked(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function ack(conversationId: string, kind: "delivered" | "read", upTo: number) {
  if (upTo <= 0) return;
  const s = stateOf(conversationId);
  s.wanted = { ...s.wanted, [kind]: Math.max(s.wanted[kind], upTo) };
  // Reading implies delivery, so a read ack carries both.
  s.wanted.delivered = Math.max(s.wanted.delivered, s.wanted.read);
  schedule(conversationId, s);
}

/** What the server already has (from a page load, or our own send); acks at or below it are skipped. */
export function noteServerMarks(conversationId: string, marks: Result) {
  const s = stateOf(conversationId);
  s.acked = {
    delivered: Math.max(s.acked.delivered, marks.deliveredSeq),
    read: Math.max(s.acked.read, marks.readSeq),
  };
}

function schedule(conversationId: string, s: State, delay?: number) {
  // One request at a time per conversation: what arrives meanwhile goes out when it returns.
  if (!pending(s) || s.inFlight || s.timer) return;
  s.timer = setTimeout(() => void flush(conversationId, s), delay ?? WINDOW_MS);
}

async function flush(conversationId: string, s: State) {
  s.timer = null;
  const kind =
    s.wanted.read > s.acked.read ? "read" : s.wanted.delivered > s.acked.delivered ? "delivered" : null;
  if (!kind) return;
  const upTo = kind === "read" ? s.wanted.read : s.wanted.delivered;
  s.inFlight = true;
  try {
    const result = await postJson<Result>(
      `/api/conversations/${conversationId}/${kind}`,
      { upTo, socketId: currentSocketId() },
      { keepalive: true },
    );
    noteServerMarks(conversationId, result);
    for (const listener of listeners) listener(conversationId, result);
  } catch (error) {
    s.inFlight = false;
    // Refused (not a member any more, bad seq): retrying can't help.
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
      s.wanted = { ...s.acked };
      toast("Couldn't update your read receipts in a conversation.", "ack");
      return;
    }
    // Offline or the server hiccupped: keep what we want and try again a little later.
    // Said once a few retries have failed: one hiccup isn't worth a word.
    if (navigator.onLine && ++failures >= TELL_AFTER_FAILURES)
      toast("Couldn't send read receipts. Retrying…", "ack");
    schedule(conversationId, s, RETRY_MS);
    return;
  }
  s.inFlight = false;
  failures = 0;
  schedule(conversationId, s);
}
