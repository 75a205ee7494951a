// The soak's invariants, as pure functions of what was recorded: the database (truth.ts), what
// each client typed, was answered, observed and shows. Each rule compares records with each other —
// the database with the clients' notes — and never with a number the soak expected.
import type { OutboxRecord } from "../../lib/client/outbox/record";
import type {
  AnswerLine,
  ClientDigest,
  ConversationView,
  JournalLine,
  ObservationLine,
  RequestLine,
} from "./protocol";
import type { Truth, TruthMessage } from "./truth";

export type Violation = { rule: string; detail: string };

const v = (rule: string, detail: string): Violation => ({ rule, detail });

/** Per conversation, seqs 1…lastSeq, each once, and lastSeq is the last message's. */
export function checkSeqs(truth: Truth): Violation[] {
  const out: Violation[] = [];
  const byConversation = groupBy(truth.messages, (m) => m.conversationId);
  for (const c of truth.conversations) {
    const seqs = (byConversation.get(c.id) ?? []).map((m) => m.seq).sort((a, b) => a - b);
    seqs.forEach((seq, i) => {
      if (seq !== i + 1) out.push(v("seq-order", `${c.id}: position ${i + 1} holds seq ${seq}`));
    });
    const last = seqs.at(-1) ?? 0;
    if (last !== c.lastSeq) out.push(v("seq-order", `${c.id}: lastSeq ${c.lastSeq}, last message ${last}`));
  }
  return out.slice(0, 50);
}

export type ClientRecords = {
  userId: string;
  journal: JournalLine[];
  answers: AnswerLine[];
  /** The outbox file as the client left it. */
  outbox: readonly OutboxRecord[];
};

/**
 * Exactly once: every 2xx answer names a message the database holds once, at the seq the answer
 * said; every message typed is stored once (same conversation and text) or was refused explicitly
 * (Not sent, not retryable, in the outbox); nothing is stored that nobody typed.
 */
export function checkDelivery(truth: Truth, clients: ClientRecords[]): Violation[] {
  const out: Violation[] = [];
  const stored = groupBy(truth.messages, (m) => `${m.senderId}:${m.clientId}`);
  const once = (userId: string, clientId: string): TruthMessage | undefined => {
    const found = stored.get(`${userId}:${clientId}`) ?? [];
    if (found.length > 1) out.push(v("exactly-once", `${userId}:${clientId} stored ${found.length} times`));
    return found[0];
  };
  const typed = new Set<string>();
  for (const client of clients) {
    for (const a of client.answers) {
      if (a.status < 200 || a.status > 299) continue;
      const m = once(client.userId, a.clientId);
      if (!m) out.push(v("exactly-once", `${a.clientId} answered ${a.status} but not stored`));
      else if (m.seq !== a.seq || m.conversationId !== a.conversationId)
        out.push(v("exactly-once", `${a.clientId} answered seq ${a.seq}, stored at ${m.seq}`));
    }
    const refused = new Set(
      client.outbox
        .filter((r) => r.state === "failed" && r.failure && !r.failure.retryable)
        .map((r) => r.clientId),
    );
    for (const j of client.journal) {
      typed.add(`${client.userId}:${j.clientId}`);
      const m = once(client.userId, j.clientId);
      if (m && (m.body !== j.body || m.conversationId !== j.conversationId))
        out.push(v("exactly-once", `${j.clientId} stored with other text or in another chat`));
      if (!m && !refused.has(j.clientId)) {
        const left = client.outbox.find((r) => r.clientId === j.clientId);
        const state = left ? `still ${left.state} in the outbox` : "gone from the outbox";
        out.push(v("stored-or-refused", `${j.clientId} (typed by ${client.userId}) not stored, ${state}`));
      }
      if (m && refused.has(j.clientId))
        out.push(v("stored-or-refused", `${j.clientId} stored, yet shown as refused`));
    }
  }
  const users = new Set(clients.map((c) => c.userId));
  for (const m of truth.messages) {
    if (m.kind === "text" && users.has(m.senderId) && !typed.has(`${m.senderId}:${m.clientId}`))
      out.push(v("exactly-once", `${m.conversationId}#${m.seq} stored but never typed`));
  }
  return out;
}

export type ExpectedReceipts = { recipients: number; delivered: number; read: number; status: string };

/**
 * Receipts by their definition (docs/architecture.md, "Receipts"), member by member: recipients
 * are the others who had joined before the message (and former members whose window held it);
 * delivered, those whose delivered watermark reached it; read, those whose public read watermark
 * did, as far as the viewer may see (their cap in a direct chat).
 */
export function expectedReceipts(truth: Truth, m: TruthMessage): ExpectedReceipts {
  const viewer = truth.members.find((x) => x.conversationId === m.conversationId && x.userId === m.senderId);
  const cap = viewer?.peerReadCap ?? Infinity;
  let recipients = 0;
  let delivered = 0;
  let read = 0;
  const count = (x: { deliveredSeq: number; publicReadSeq: number }) => {
    recipients++;
    if (x.deliveredSeq >= m.seq) delivered++;
    if (Math.min(x.publicReadSeq, cap) >= m.seq) read++;
  };
  for (const x of truth.members)
    if (x.conversationId === m.conversationId && x.userId !== m.senderId && x.joinedSeq < m.seq) count(x);
  for (const f of truth.formers)
    if (f.conversationId === m.conversationId && f.joinedSeq < m.seq && m.seq <= f.leftSeq) count(f);
  const status =
    recipients > 0 && read === recipients
      ? "read"
      : recipients > 0 && delivered === recipients
        ? "delivered"
        : "sent";
  return { recipients, delivered, read, status };
}

/** What a member's client should show for one conversation, from the database alone. */
export function expectedView(truth: Truth, userId: string, conversationId: string): ConversationView {
  const c = truth.conversations.find((x) => x.id === conversationId);
  const me = truth.members.find((x) => x.conversationId === conversationId && x.userId === userId);
  const messages = truth.messages.filter((m) => m.conversationId === conversationId);
  const lastSeq = c?.lastSeq ?? 0;
  return {
    id: conversationId,
    lastSeq,
    unreadCount: lastSeq - (me?.readSeq ?? 0),
    deliveredSeq: me?.deliveredSeq ?? 0,
    readSeq: me?.readSeq ?? 0,
    messages: messages.map((m) => [m.seq, m.id]),
    own: messages
      .filter((m) => m.senderId === userId && m.kind === "text")
      .map((m) => [m.seq, expectedReceipts(truth, m)]),
  };
}

/** Where a client's view of a conversation differs from the database (empty: it is the same). */
export function diffView(actual: ConversationView, expected: ConversationView): string[] {
  const out: string[] = [];
  for (const k of ["lastSeq", "unreadCount", "deliveredSeq", "readSeq"] as const) {
    if (actual[k] !== expected[k]) out.push(`${k} ${actual[k]}, database ${expected[k]}`);
  }
  const held = new Map(actual.messages);
  const missing = expected.messages.filter(([seq, id]) => held.get(seq) !== id).map(([seq]) => seq);
  if (missing.length) out.push(`messages missing or different: seq ${ranges(missing)}`);
  const extra = actual.messages.filter(([seq]) => !expected.messages.some(([s]) => s === seq));
  if (extra.length) out.push(`messages the database doesn't have: seq ${ranges(extra.map(([s]) => s))}`);
  if (actual.messages.some(([seq], i) => i > 0 && seq <= actual.messages[i - 1]![0]))
    out.push("messages out of order");
  const own = new Map(actual.own);
  for (const [seq, want] of expected.own) {
    const got = own.get(seq);
    if (!got) {
      if (held.has(seq)) out.push(`#${seq}: no receipts shown`);
      continue;
    }
    if (
      got.recipients !== want.recipients ||
      got.delivered !== want.delivered ||
      got.read !== want.read ||
      got.status !== want.status
    )
      out.push(
        `#${seq}: shows ${got.status} ${got.delivered}/${got.read} of ${got.recipients}, ` +
          `watermarks say ${want.status} ${want.delivered}/${want.read} of ${want.recipients}`,
      );
  }
  return out;
}

/** A client's whole digest against the database: its differences, conversation by conversation. */
export function diffClient(truth: Truth, digest: ClientDigest): string[] {
  const out = digest.conversations.flatMap((c) =>
    diffView(c, expectedView(truth, digest.user, c.id)).map((d) => `${c.id}: ${d}`),
  );
  if (digest.outbox.queued || digest.outbox.failed)
    out.push(`outbox: ${digest.outbox.queued} queued, ${digest.outbox.failed} Not sent (retryable)`);
  return out;
}

/**
 * No watermark or count ever went down: an answer to a request that started after another's answer
 * had arrived may not show less than that one did (requests in flight together may legitimately
 * answer in either order). Database reads are instants (start = end), in order.
 */
export function checkMonotonic(observations: readonly ObservationLine[]): Violation[] {
  const out: Violation[] = [];
  const series = groupBy(observations, (o) => `${o.key}|${o.mark}`);
  for (const [name, list] of series) {
    const byStart = [...list].sort((a, b) => a.start - b.start);
    const byEnd = [...list].sort((a, b) => a.end - b.end);
    let best: ObservationLine | undefined;
    let e = 0;
    for (const o of byStart) {
      // Everything answered strictly before this one was asked.
      while (e < byEnd.length && byEnd[e]!.end < o.start) {
        const done = byEnd[e++]!;
        if (!best || done.value > best.value) best = done;
      }
      if (best && o.value < best.value) {
        out.push(
          v(
            "monotonic",
            `${name}: ${o.source} at ${iso(o.start)} saw ${o.value} after ${best.source} saw ${best.value} at ${iso(best.end)}`,
          ),
        );
        break; // one per series is enough to find it
      }
    }
  }
  return out;
}

/** No 5xx but the documented 503 (with Retry-After). */
export function checkStatuses(requests: readonly (RequestLine & { user?: string })[]): Violation[] {
  const out: Violation[] = [];
  for (const r of requests) {
    if (r.status === 503 && r.retryAfter) continue;
    if (r.status >= 500) out.push(v("no-5xx", `${r.kind} answered ${r.status} at ${iso(r.start)}`));
  }
  return out;
}

/** Requests by kind and status ("0" for no answer). */
export function statusCounts(requests: readonly RequestLine[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of requests) {
    const kind = (out[r.kind] ??= {});
    kind[String(r.status)] = (kind[String(r.status)] ?? 0) + 1;
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** 1,2,3,7,9,10 → "1–3, 7, 9–10" (at most a few ranges). */
export function ranges(seqs: number[]): string {
  const sorted = [...seqs].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.length > 6 ? `${parts.slice(0, 6).join(", ")} … (${sorted.length})` : parts.join(", ");
}

const iso = (t: number) => new Date(t).toISOString().slice(11, 23);
