// Pure cache updates for the open conversation: whatever arrives first (the HTTP answer, the
// realtime event, a catch-up fetch) and however often, each message appears once, in seq order,
// and its receipts only ever grow (a stale copy never takes a tick back).
import { maxReceipts, type Receipts } from "@/lib/core/status";
import type { ConversationDetail, Message, ReceiptsEvent } from "@/lib/core/types";
import type { PendingAttachment } from "@/lib/client/attachments/picked";

/**
 * A message as the browser holds it; `local` marks one the server hasn't confirmed, `pending` the
 * files it is sending (shown from the device until the server has them).
 */
export type ClientMessage = Message & { local?: "sending" | "failed"; pending?: PendingAttachment[] };
export type ClientDetail = Omit<ConversationDetail, "messages"> & {
  messages: ClientMessage[];
  /**
   * Receipts that came before their message was confirmed here (a quick reader's ack can beat the
   * answer to my own send): kept until the message arrives, so its tick isn't stuck behind.
   */
  early?: Record<number, Receipts>;
};

// Early receipts for messages that never show up here (another tab's, say) mustn't pile up.
const EARLY_MAX = 200;

/** Merges messages into the view, with any receipts that arrived before them. */
export function withMessages(d: ClientDetail, incoming: Message[]): ClientDetail {
  if (!d.early) return { ...d, messages: mergeMessages(d.messages, incoming) };
  const early = { ...d.early };
  const merged = incoming.map((m) => {
    const r = early[m.seq];
    if (!r) return m;
    delete early[m.seq];
    return { ...m, receipts: maxReceipts(m.receipts, r) };
  });
  return { ...d, messages: mergeMessages(d.messages, merged), early };
}

/** Applies a receipts event: to the messages held, or kept for the ones not confirmed yet. */
export function withReceipts(d: ClientDetail, event: ReceiptsEvent): ClientDetail {
  const messages = applyReceipts(d.messages, event);
  const held = new Set(d.messages.filter((m) => !m.local).map((m) => m.seq));
  const pending = event.receipts.filter((r) => !held.has(r.seq));
  if (pending.length === 0) return messages === d.messages ? d : { ...d, messages };
  const early = { ...d.early };
  for (const { seq, ...r } of pending) early[seq] = maxReceipts(early[seq], r)!;
  const seqs = Object.keys(early)
    .map(Number)
    .sort((a, b) => b - a);
  for (const seq of seqs.slice(EARLY_MAX)) delete early[seq];
  return { ...d, messages, early };
}

export function mergeMessages(current: ClientMessage[], incoming: Message[]): ClientMessage[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map<number, ClientMessage>();
  const pending: ClientMessage[] = [];
  const confirmedClientIds = new Set(incoming.map((m) => `${m.sender.id}:${m.clientId}`));
  for (const m of current) {
    if (m.local) {
      // A confirmed copy replaces the optimistic one (matched by sender + clientId).
      if (!confirmedClientIds.has(`${m.sender.id}:${m.clientId}`)) pending.push(m);
    } else {
      bySeq.set(m.seq, m);
    }
  }
  for (const m of incoming) {
    const held = bySeq.get(m.seq);
    const receipts = maxReceipts(held?.receipts, m.receipts);
    bySeq.set(m.seq, { ...held, ...m, local: undefined, ...(receipts ? { receipts } : {}) });
  }
  const confirmed = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return [...confirmed, ...pending];
}

/** New receipts for some of my messages: each count only grows. Unchanged → the same array. */
export function applyReceipts(messages: ClientMessage[], event: ReceiptsEvent): ClientMessage[] {
  const bySeq = new Map(event.receipts.map((r) => [r.seq, r]));
  let changed = false;
  const next = messages.map((m) => {
    const r = m.local ? undefined : bySeq.get(m.seq);
    if (!r) return m;
    const receipts = maxReceipts(m.receipts, r)!;
    if (
      m.receipts &&
      receipts.delivered === m.receipts.delivered &&
      receipts.read === m.receipts.read &&
      receipts.recipients === m.receipts.recipients
    ) {
      return m;
    }
    changed = true;
    return { ...m, receipts };
  });
  return changed ? next : messages;
}

/** The highest confirmed seq held: what a catch-up asks `?after=` of. */
export function lastConfirmedSeq(messages: ClientMessage[]): number {
  let last = 0;
  for (const m of messages) if (!m.local && m.seq > last) last = m.seq;
  return last;
}

/** The lowest confirmed seq held: what "load older" asks `?before=` of. */
export function firstConfirmedSeq(messages: ClientMessage[]): number | undefined {
  const first = messages.find((m) => !m.local);
  return first?.seq;
}

/** Whether older messages exist: seqs are gap-free from 1, so anything above 1 has predecessors. */
export function hasOlder(messages: ClientMessage[]): boolean {
  return (firstConfirmedSeq(messages) ?? 1) > 1;
}

/**
 * Whether a message event leaves a hole: its seq is beyond the next one we expect. Events can be
 * lost (Pusher is at-most-once), so a hole means "fetch what's missing", not "wait".
 */
export function hasGap(messages: ClientMessage[], seq: number): boolean {
  return seq > lastConfirmedSeq(messages) + 1;
}

export function upsertLocal(messages: ClientMessage[], message: ClientMessage): ClientMessage[] {
  const rest = messages.filter((m) => !(m.local && m.clientId === message.clientId));
  return [...rest, message];
}

export function markFailed(messages: ClientMessage[], clientId: string): ClientMessage[] {
  return messages.map((m) => (m.local && m.clientId === clientId ? { ...m, local: "failed" } : m));
}
