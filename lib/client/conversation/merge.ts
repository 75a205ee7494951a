// Pure cache updates for the open conversation: whatever arrives first (the HTTP answer, the
// realtime event, a catch-up fetch) and however often, each message appears once, in seq order,
// and its receipts only ever grow (a stale copy never takes a tick back).
import { maxReceipts, statusOf, type Receipts } from "@/lib/core/status";
import type { ConversationDetail, Message, ReceiptsEvent } from "@/lib/core/types";
import type { OutboxFile, SendFailure } from "@/lib/client/outbox/record";
import { keepMine } from "./my-reactions";

/**
 * A message as the browser shows it; `local` marks one only the outbox has (the server hasn't
 * confirmed it), with the reason when it was not sent, and `pending` the files it is sending
 * (their Blobs: shown from the device until the server has them). The cache holds confirmed
 * messages only.
 */
export type ClientMessage = Message & {
  local?: "sending" | "failed";
  failure?: SendFailure;
  pending?: readonly OutboxFile[];
};
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
    const receipts = maxReceipts(m.receipts, r)!;
    return { ...m, receipts, status: statusOf(receipts) };
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
  for (const m of incoming) bySeq.set(m.seq, mergeOne(bySeq.get(m.seq), m));
  const confirmed = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return [...confirmed, ...pending];
}

/**
 * One message, two copies: the one with the later change wins whole (an edit, a deletion, a
 * reaction replaces what was there; a stale copy from an earlier fetch changes nothing); what only
 * this viewer hears — its receipts, who saw the edit — only grows. A tombstone or a system line has
 * no status.
 */
export function mergeOne(held: ClientMessage | undefined, m: Message): ClientMessage {
  if (!held || held.local) return m;
  const newer = m.changeSeq >= held.changeSeq ? m : held;
  const out: ClientMessage = { ...newer };
  delete out.local;
  if (newer === m) {
    const reactions = keepMine(m.reactions, held.reactions);
    if (reactions) out.reactions = reactions;
  }
  if (newer.deleted || newer.system) {
    delete out.receipts;
    delete out.status;
    delete out.editSeen;
    return out;
  }
  const receipts = maxReceipts(held.receipts, m.receipts);
  if (receipts) {
    out.receipts = receipts;
    out.status = statusOf(receipts);
  }
  // Seen-the-edit counts belong to one edit: a newer edit starts again from its own count.
  const sameEdit = held.editSeq === m.editSeq;
  const editSeen = sameEdit ? maxDefined(held.editSeen, m.editSeen) : newer.editSeen;
  if (editSeen === undefined) delete out.editSeen;
  else out.editSeen = editSeen;
  return out;
}

const maxDefined = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** A message deleted for me (here or in my other tab): gone from this view. */
export function withoutMessage(d: ClientDetail, seq: number): ClientDetail {
  if (!d.messages.some((m) => !m.local && m.seq === seq)) return d;
  return { ...d, messages: d.messages.filter((m) => m.local || m.seq !== seq) };
}

/**
 * Changes (edits, deletions, reactions) to messages: applied to the ones held. A change to a
 * message older than the oldest held is left for "load older" to fetch as it is now — holding it
 * alone would leave a hole in the history.
 */
export function withChanges(d: ClientDetail, changed: Message[]): ClientDetail {
  const first = firstConfirmedSeq(d.messages);
  const relevant = first === undefined ? [] : changed.filter((m) => m.seq >= first);
  return relevant.length === 0 ? d : withMessages(d, relevant);
}

/** New receipts for some of my messages: each count only grows. Unchanged → the same array. */
export function applyReceipts(messages: ClientMessage[], event: ReceiptsEvent): ClientMessage[] {
  const bySeq = new Map(event.receipts.map((r) => [r.seq, r]));
  let changed = false;
  const next = messages.map((m) => {
    const r = m.local || m.deleted ? undefined : bySeq.get(m.seq);
    if (!r) return m;
    const receipts = maxReceipts(m.receipts, r)!;
    const editSeen =
      r.editSeen === undefined || m.editSeq === undefined ? m.editSeen : maxDefined(m.editSeen, r.editSeen);
    if (
      m.receipts &&
      receipts.delivered === m.receipts.delivered &&
      receipts.read === m.receipts.read &&
      receipts.recipients === m.receipts.recipients &&
      editSeen === m.editSeen
    ) {
      return m;
    }
    changed = true;
    return { ...m, receipts, status: statusOf(receipts), ...(editSeen === undefined ? {} : { editSeen }) };
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

/**
 * What the list shows: the confirmed messages, then the outbox's (typed order). An outbox message
 * the server already has (its answer or event arrived before the outbox let go of it, or a lost
 * answer) shows once, as the server's: its status is the truth, never "sending" beside "sent".
 */
export function withOutbox(confirmed: ClientMessage[], queued: ClientMessage[]): ClientMessage[] {
  if (queued.length === 0) return confirmed;
  const stored = new Set(confirmed.map((m) => `${m.sender.id}:${m.clientId}`));
  const waiting = queued.filter((q) => !stored.has(`${q.sender.id}:${q.clientId}`));
  return waiting.length ? [...confirmed, ...waiting] : confirmed;
}
