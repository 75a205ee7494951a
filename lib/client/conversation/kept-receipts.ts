// The receipts this browser last showed on my messages in its recent conversations. A page
// rendered before them — the service worker's offline copy — would otherwise show a tick going
// back (Read, then after an offline reload Delivered); merged in, what was once shown stays shown
// (counts only grow, so the larger is the truth). Kept in localStorage (read synchronously, before
// the first paint), for the latest few of my messages in the last few conversations.
import { maxReceipts, type Receipts } from "@/lib/core/status";
import type { Message } from "@/lib/core/types";

/** Per message of mine: [seq, recipients, delivered, read]. */
export type KeptReceipts = [number, number, number, number][];
type Kept = { id: string; receipts: KeptReceipts }[];

const KEPT_CONVERSATIONS = 12;
// An offline copy is the latest page: older messages' ticks are settled long before.
const KEPT_MESSAGES = 50;
const key = (userId: string) => `ticks:receipts:${userId}`;

function read(userId: string): Kept {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? "[]");
    return Array.isArray(value) ? (value as Kept) : [];
  } catch {
    return [];
  }
}

export function keptReceipts(userId: string, conversationId: string): KeptReceipts | undefined {
  const kept = read(userId).find((k) => k.id === conversationId)?.receipts;
  return Array.isArray(kept) ? kept : undefined;
}

/** What to keep of the messages shown: the latest of mine that carry receipts. */
export function receiptsToKeep(messages: Message[]): KeptReceipts {
  const kept: KeptReceipts = [];
  for (const m of messages) {
    if (m.receipts) kept.push([m.seq, m.receipts.recipients, m.receipts.delivered, m.receipts.read]);
  }
  return kept.slice(-KEPT_MESSAGES);
}

export function keepReceipts(userId: string, conversationId: string, messages: Message[]) {
  const receipts = receiptsToKeep(messages);
  const rest = read(userId).filter((k) => k.id !== conversationId);
  try {
    localStorage.setItem(
      key(userId),
      JSON.stringify([...rest, { id: conversationId, receipts }].slice(-KEPT_CONVERSATIONS)),
    );
  } catch {
    // Storage full or disabled: ticks are then only as fresh as the page.
  }
}

export function forgetKeptReceipts(userId: string) {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    // Nothing kept.
  }
}

/** The messages with every count at least as far as last shown. Unchanged → the same array. */
export function withKeptReceipts<M extends Message>(messages: M[], kept: KeptReceipts | undefined): M[] {
  if (!kept?.length) return messages;
  const bySeq = new Map<number, Receipts>(
    kept.map(([seq, recipients, delivered, read]) => [seq, { recipients, delivered, read }]),
  );
  let changed = false;
  const next = messages.map((m) => {
    const shown = m.receipts && bySeq.get(m.seq);
    if (!shown) return m;
    const receipts = maxReceipts(m.receipts, shown)!;
    const same =
      receipts.recipients === m.receipts!.recipients &&
      receipts.delivered === m.receipts!.delivered &&
      receipts.read === m.receipts!.read;
    if (same) return m;
    changed = true;
    return { ...m, receipts };
  });
  return changed ? next : messages;
}
