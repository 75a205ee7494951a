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
 * For one sender watching one member's watermarks: the first time each watermark reached a seq.
 * Events can arrive out of order (acks race), so a running maximum is kept.
 */
class WatermarkHistory {
  private points: { t: number; delivered: number; read: number }[] = [];
  add(t: number, delivered: number, read: number | null) {
    const last = this.points.at(-1);
    this.points.push({
      t,
      delivered: Math.max(delivered, last?.delivered ?? 0),
      read: Math.max(read ?? 0, last?.read ?? 0),
    });
  }
  firstReaching(kind: "delivered" | "read", seq: number): number | undefined {
    return this.points.find((p) => p[kind] >= seq)?.t;
  }
}

function histories(receipts: ReceiptRecord[]) {
  const byKey = new Map<string, WatermarkHistory>();
  const sorted = [...receipts].sort((a, b) => a[5] - b[5]);
  for (const [observer, conversation, member, delivered, read, t] of sorted) {
    const key = `${observer}|${conversation}|${member}`;
    if (!byKey.has(key)) byKey.set(key, new WatermarkHistory());
    byKey.get(key)!.add(t, delivered, read);
  }
  return byKey;
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

  const watched = histories(log.receipts);
  const delivered: number[] = [];
  const read: number[] = [];
  let neverDelivered = 0;
  let neverRead = 0;
  for (const s of sends) {
    const recipients = (members.get(s.conversationId) ?? []).filter((m) => m !== s.userId);
    const when = (kind: "delivered" | "read") => {
      let latest = 0;
      for (const r of recipients) {
        const t = watched.get(`${s.userId}|${s.conversationId}|${r}`)?.firstReaching(kind, s.seq!);
        if (t === undefined) return undefined;
        latest = Math.max(latest, t);
      }
      return latest;
    };
    const d = when("delivered");
    const r = when("read");
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
 * message and the sender's receipts on the conversation channel, and the inbox line on every
 * member's user channel (lib/server/realtime/notify.ts). Checked against the server's counter in the
 * warm-up, where nobody acks; what a scenario publishes beyond this is receipt traffic.
 */
export function sendFanoutEvents(
  sends: { conversationId: string }[],
  conversations: ConversationInfo[],
): number {
  const size = new Map(conversations.map((c) => [c.id, c.memberIds.length]));
  return sends.reduce((n, s) => n + 2 + (size.get(s.conversationId) ?? 0), 0);
}
