// How the sender sees a message's fate, derived from the recipients' watermarks, and who may see
// whose read state (docs/architecture.md, "Receipts").

export type ConversationKind = "lobby" | "direct" | "group";
export type MessageStatus = "sent" | "delivered" | "read";

export type MemberWatermarks = {
  userId: string;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number;
  shareReadReceipts: boolean;
};

/** A member's watermarks as one viewer may see them: readSeq is null where privacy hides it. */
export type VisibleWatermarks = {
  userId: string;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number | null;
};

export type Receipts = { recipients: number; delivered: number; read: number };

/**
 * Whether `viewer` may see `member`'s read watermark. Nobody sees the read state of someone who
 * does not share it; and in direct chats it is reciprocal, as in WhatsApp: who hides their own
 * read receipts sees none from the other side. Groups keep showing others' read state.
 */
export function canSeeReadState(
  member: { userId: string; shareReadReceipts: boolean },
  viewer: { id: string; shareReadReceipts: boolean },
  kind: ConversationKind,
): boolean {
  if (member.userId === viewer.id) return true;
  if (!member.shareReadReceipts) return false;
  return kind !== "direct" || viewer.shareReadReceipts;
}

/**
 * A member's read watermark as announced on the conversation's channel, which every member hears:
 * what the others may see by canSeeReadState — in a direct chat that is the one other member
 * (`otherShares`), in rooms every listener is judged alike. Null where it is hidden.
 */
export function broadcastReadSeq(input: {
  kind: ConversationKind;
  readSeq: number;
  shares: boolean;
  otherShares?: boolean;
}): number | null {
  const member = { userId: "member", shareReadReceipts: input.shares };
  const listener = { id: "listener", shareReadReceipts: input.otherShares ?? true };
  return canSeeReadState(member, listener, input.kind) ? input.readSeq : null;
}

export function visibleWatermarks(
  members: MemberWatermarks[],
  viewer: { id: string; shareReadReceipts: boolean },
  kind: ConversationKind,
): VisibleWatermarks[] {
  return members.map((m) => ({
    userId: m.userId,
    joinedSeq: m.joinedSeq,
    deliveredSeq: m.deliveredSeq,
    readSeq: canSeeReadState(m, viewer, kind) ? m.readSeq : null,
  }));
}

/** Recipients are the other members who had joined before the message was sent. */
export function receiptsFor(
  message: { seq: number; senderId: string },
  members: VisibleWatermarks[],
): Receipts {
  let recipients = 0;
  let delivered = 0;
  let read = 0;
  for (const m of members) {
    if (m.userId === message.senderId || m.joinedSeq >= message.seq) continue;
    recipients++;
    if (m.deliveredSeq >= message.seq) delivered++;
    if (m.readSeq !== null && m.readSeq >= message.seq) read++;
  }
  return { recipients, delivered, read };
}

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
