// Pure cache updates for the open conversation: whatever arrives first (the HTTP answer, the
// realtime event, a catch-up fetch) and however often, each message appears once, in seq order.
import type { ConversationDetail, MemberState, Message, ReceiptsEvent } from "@/lib/core/types";
import type { PendingAttachment } from "@/lib/client/attachments/picked";

/**
 * A message as the browser holds it; `local` marks one the server hasn't confirmed, `pending` the
 * files it is sending (shown from the device until the server has them).
 */
export type ClientMessage = Message & { local?: "sending" | "failed"; pending?: PendingAttachment[] };
export type ClientDetail = Omit<ConversationDetail, "messages"> & { messages: ClientMessage[] };

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
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m, local: undefined });
  const confirmed = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return [...confirmed, ...pending];
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

/** Applies a receipts event; watermarks only move up. Returns null for an unknown member. */
export function applyReceipts(members: MemberState[], event: ReceiptsEvent): MemberState[] | null {
  const index = members.findIndex((m) => m.user.id === event.userId);
  if (index === -1) return null;
  const m = members[index]!;
  const next: MemberState = {
    ...m,
    deliveredSeq: Math.max(m.deliveredSeq, event.deliveredSeq),
    readSeq: event.readSeq === null ? null : Math.max(m.readSeq ?? 0, event.readSeq),
  };
  if (next.deliveredSeq === m.deliveredSeq && next.readSeq === m.readSeq) return members;
  return members.map((x, i) => (i === index ? next : x));
}

export function upsertLocal(messages: ClientMessage[], message: ClientMessage): ClientMessage[] {
  const rest = messages.filter((m) => !(m.local && m.clientId === message.clientId));
  return [...rest, message];
}

export function markFailed(messages: ClientMessage[], clientId: string): ClientMessage[] {
  return messages.map((m) => (m.local && m.clientId === clientId ? { ...m, local: "failed" } : m));
}
