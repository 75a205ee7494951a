// How the sender sees a message's fate, derived from the recipients' watermarks, and who may see
// whose read state (docs/architecture.md, "Receipts").

export type ConversationKind = "lobby" | "direct" | "group";
export type MessageStatus = "sent" | "delivered" | "read";

export type Receipts = { recipients: number; delivered: number; read: number };

/**
 * The read-receipt privacy rule, in one place. Someone who doesn't share read receipts is shown to
 * others as having delivered at most; in a direct chat it is reciprocal, as in WhatsApp: who hides
 * their own sees no new reads from the other side; groups keep showing others' reads. A change
 * applies from then on: what was once shown as read stays read (a status never goes backwards).
 * Stored as data: each member's `publicReadSeq` (what others may see) and, in a direct chat, the
 * `peerReadCap` of a member who hides theirs (how far they may see the other's).
 */
export const readPrivacy = {
  /** A member's public read watermark once their read watermark is `readSeq`. */
  publicReadSeq(current: number, readSeq: number, shares: boolean): number {
    return shares ? Math.max(current, readSeq) : current;
  },
  /** The cap a member gets in a direct chat when they stop sharing (null: no cap, they share). */
  peerReadCap(kind: ConversationKind, shares: boolean, otherPublicReadSeq: number): number | null {
    return kind === "direct" && !shares ? otherPublicReadSeq : null;
  },
  /** How far a viewer (with their cap) sees a member's reads. */
  visibleReadSeq(publicReadSeq: number, readCap: number | null): number {
    return Math.min(publicReadSeq, readCap ?? Infinity);
  },
};

/**
 * Read when every recipient has read it, delivered when every one holds it, else sent. With no
 * recipient at all (alone in a room) nothing has been delivered to anyone: it stays "sent".
 */
export function statusOf(r: Receipts): MessageStatus {
  if (r.recipients === 0) return "sent";
  if (r.read === r.recipients) return "read";
  if (r.delivered === r.recipients) return "delivered";
  return "sent";
}

/** Members whose delivered watermark reached some seq or beyond, grouped by their watermarks. */
export type WatermarkGroup = {
  deliveredSeq: number;
  publicReadSeq: number;
  /** The seq they joined at, or 0 when that was before the seq (all that matters then). */
  joinedSeq: number;
  count: number;
};

/**
 * The receipts of a viewer's own messages, counted from the conversation's watermarks without a
 * row per member: `groups` covers every member but the viewer whose delivered watermark reached the
 * lowest of `seqs`, so who joined later, who holds a message and who has read it can all be counted
 * from it; every other member holds none of these messages. Recipients are the members other than
 * the viewer who had joined before the message. A read counts when the reader's public read
 * watermark reaches it, and — for a viewer who hides their own read receipts in a direct chat —
 * only up to `readCap` (reciprocity). All inputs must come from one read of the database.
 */
export function countReceipts(input: {
  seqs: number[];
  groups: WatermarkGroup[];
  /** The conversation's current members other than the viewer. */
  otherMembers: number;
  readCap: number | null;
  /** Ended memberships whose window reaches the lowest of `seqs` (their watermarks frozen). */
  formers?: FormerWindow[];
}): Map<number, Receipts> {
  const counts = new Map<number, Receipts>();
  for (const seq of input.seqs) {
    let late = 0;
    let delivered = 0;
    let read = 0;
    for (const g of input.groups) {
      if (g.joinedSeq >= seq) {
        late += g.count;
        continue;
      }
      if (g.deliveredSeq >= seq) delivered += g.count;
      if (readPrivacy.visibleReadSeq(g.publicReadSeq, input.readCap) >= seq) read += g.count;
    }
    // Someone removed (or who left) after a message stays its recipient: their receipts stay true.
    let former = 0;
    for (const f of input.formers ?? []) {
      if (f.joinedSeq >= seq || f.leftSeq < seq) continue;
      former++;
      if (f.deliveredSeq >= seq) delivered++;
      if (readPrivacy.visibleReadSeq(f.publicReadSeq, input.readCap) >= seq) read++;
    }
    counts.set(seq, { recipients: Math.max(0, input.otherMembers - late) + former, delivered, read });
  }
  return counts;
}

/** An ended membership as receipts count it: recipient of joinedSeq < seq ≤ leftSeq. */
export type FormerWindow = {
  joinedSeq: number;
  leftSeq: number;
  deliveredSeq: number;
  publicReadSeq: number;
};

/** Members whose edit-seen watermark reached some change sequence, grouped. */
/** `leftSeq`: a former member's (null for a current one), who counts only for what came before it. */
export type EditSeenGroup = {
  editSeenSeq: number;
  joinedSeq: number;
  leftSeq?: number | null;
  count: number;
};

/**
 * How many recipients of message `seq` have had its latest edit (`editSeq`) on screen: their
 * edit-seen watermark reached it. Private like reads: a viewer capped in a direct chat sees none.
 */
export function countEditSeen(
  message: { seq: number; editSeq: number },
  groups: EditSeenGroup[],
  readCap: number | null,
): number {
  if (readCap !== null) return 0;
  let seen = 0;
  for (const g of groups) {
    const recipient = g.joinedSeq < message.seq && (g.leftSeq == null || message.seq <= g.leftSeq);
    if (recipient && g.editSeenSeq >= message.editSeq) seen += g.count;
  }
  return seen;
}

/** The larger of two receipt counts, field by field: counts only grow, so a stale copy never wins. */
export function maxReceipts(a: Receipts | undefined, b: Receipts | undefined): Receipts | undefined {
  if (!a || !b) return a ?? b;
  return {
    recipients: Math.max(a.recipients, b.recipients),
    delivered: Math.max(a.delivered, b.delivered),
    read: Math.max(a.read, b.read),
  };
}
