// Turns what the clients recorded into the receipt scenarios' figures: latencies as each user saw
// them, and an exact account of every message (received once, in order, by every recipient).
import type { ConversationInfo, ReceiptRecord, WorkerLog } from "./protocol";
import { summarize, type Summary } from "./stats";

export type Delivery = {
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  unexpected: number;
};

export type Latencies = {
  /** Send (the user hits Enter) → a recipient's client gets `message.created`; one per recipient. */
  recipient: Summary;
  /** Send → the sender's client learns every recipient's delivered watermark passed it. */
  delivered: Summary;
  /** Send → the sender's client learns every recipient has read it. */
  read: Summary;
  /** The send request alone (request out → 201). */
  sendRequest: Summary;
};

export type Analysis = {
  sent: number;
  failedSends: number;
  latencyMs: Latencies;
  delivery: Delivery;
  /** Messages whose status never reached delivered / read at their sender. */
  neverDelivered: number;
  neverRead: number;
  samples: { recipient: number[]; delivered: number[]; read: number[] };
};

/**
 * For each (sender, conversation, seq): the first time the sender's client learned that every
 * recipient held the message, and that every one had read it. Receipts are absolute counts that
 * only grow, so the first record reaching the recipient count is the moment.
 */
function firstAllReached(receipts: ReceiptRecord[]) {
  const delivered = new Map<string, number>();
  const read = new Map<string, number>();
  for (const [sender, conversation, seq, recipients, d, r, t] of receipts) {
    const key = `${sender}|${conversation}|${seq}`;
    if (recipients > 0 && d >= recipients) delivered.set(key, Math.min(t, delivered.get(key) ?? Infinity));
    if (recipients > 0 && r >= recipients) read.set(key, Math.min(t, read.get(key) ?? Infinity));
  }
  return { delivered, read };
}

export function analyze(log: WorkerLog, conversations: ConversationInfo[]): Analysis {
  const members = new Map(conversations.map((c) => [c.id, c.memberIds]));
  const sends = log.sends.filter((s) => s.seq !== null);
  const byClientId = new Map(sends.map((s) => [s.clientId, s]));

  // Every recipient must get every message exactly once, in seq order per conversation.
  const expected = new Set<string>();
  for (const s of sends) {
    for (const m of members.get(s.conversationId) ?? []) {
      if (m !== s.userId) expected.add(`${m}|${s.conversationId}|${s.seq}`);
    }
  }
  const seen = new Map<string, number>();
  const highest = new Map<string, number>();
  const recipient: number[] = [];
  let outOfOrder = 0;
  let unexpected = 0;
  for (const [user, conversation, seq, clientId, t] of log.receives) {
    const key = `${user}|${conversation}|${seq}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!expected.has(key)) unexpected++;
    const stream = `${user}|${conversation}`;
    if (seq < (highest.get(stream) ?? 0)) outOfOrder++;
    highest.set(stream, Math.max(seq, highest.get(stream) ?? 0));
    const send = byClientId.get(clientId);
    if (send && seen.get(key) === 1) recipient.push(t - send.at);
  }
  let received = 0;
  let duplicated = 0;
  for (const key of expected) {
    const n = seen.get(key) ?? 0;
    if (n > 0) received++;
    if (n > 1) duplicated += n - 1;
  }

  const reached = firstAllReached(log.receipts);
  const delivered: number[] = [];
  const read: number[] = [];
  let neverDelivered = 0;
  let neverRead = 0;
  for (const s of sends) {
    const key = `${s.userId}|${s.conversationId}|${s.seq}`;
    const d = reached.delivered.get(key);
    const r = reached.read.get(key);
    if (d === undefined) neverDelivered++;
    else delivered.push(d - s.at);
    if (r === undefined) neverRead++;
    else read.push(r - s.at);
  }

  return {
    sent: sends.length,
    failedSends: log.sends.length - sends.length,
    latencyMs: {
      recipient: summarize(recipient),
      delivered: summarize(delivered),
      read: summarize(read),
      sendRequest: summarize(sends.map((s) => s.end - s.start)),
    },
    delivery: {
      expected: expected.size,
      received,
      lost: expected.size - received,
      duplicated,
      outOfOrder,
      unexpected,
    },
    neverDelivered,
    neverRead,
    samples: { recipient, delivered, read },
  };
}

/**
 * Events a send publishes, counted as the realtime server counts them (one per channel): the
 * message on every member's own channel (lib/server/realtime/notify.ts) — nothing else. Checked
 * against the server's counter in the warm-up, where nobody acks; what a scenario publishes beyond
 * this is receipt traffic.
 */
export function sendFanoutEvents(
  sends: { conversationId: string }[],
  conversations: ConversationInfo[],
): number {
  const size = new Map(conversations.map((c) => [c.id, c.memberIds.length]));
  return sends.reduce((n, s) => n + (size.get(s.conversationId) ?? 0), 0);
}
