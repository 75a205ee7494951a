// Receipts are two monotonic watermarks per member (as in Stream, Matrix, Chatkit): an ack moves a
// watermark up to a sequence number, never down, never past the conversation's last message, and
// reading implies delivery.

export type Watermarks = { deliveredSeq: number; readSeq: number };

/** `editSeen` is a change seq: every edit up to it has been on screen (docs/architecture.md). */
export type Ack = { delivered?: number; read?: number; editSeen?: number };

export type Advance = Watermarks & { changed: boolean; deliveredMoved: boolean; readMoved: boolean };

export function advanceWatermarks(current: Watermarks, ack: Ack, lastSeq: number): Advance {
  const clamp = (seq: number | undefined) => Math.min(Math.max(seq ?? 0, 0), lastSeq);
  const readSeq = Math.max(current.readSeq, clamp(ack.read));
  const deliveredSeq = Math.max(current.deliveredSeq, clamp(ack.delivered), readSeq);
  const deliveredMoved = deliveredSeq !== current.deliveredSeq;
  const readMoved = readSeq !== current.readSeq;
  return { deliveredSeq, readSeq, deliveredMoved, readMoved, changed: deliveredMoved || readMoved };
}

/** Messages after the read watermark are unread; own messages never are, as sending moves it. */
export function unreadCount(lastSeq: number, readSeq: number): number {
  return Math.max(0, lastSeq - readSeq);
}
