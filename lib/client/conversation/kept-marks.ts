// The watermarks this browser last showed for its recent conversations. A page rendered before
// them — the service worker's offline copy — would otherwise show a tick going back (Read, then
// after an offline reload Delivered); merged in, what was once shown stays shown. Kept in
// localStorage (read synchronously, before the first paint), for the last few conversations.
import type { MemberState } from "@/lib/core/types";

/** Per member: [deliveredSeq, readSeq or null where hidden]. */
export type Marks = Record<string, [number, number | null]>;
type Kept = { id: string; marks: Marks }[];

const KEPT_CONVERSATIONS = 12;
const key = (userId: string) => `ticks:marks:${userId}`;

function read(userId: string): Kept {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? "[]");
    return Array.isArray(value) ? (value as Kept) : [];
  } catch {
    return [];
  }
}

export function keptMarks(userId: string, conversationId: string): Marks | undefined {
  return read(userId).find((k) => k.id === conversationId)?.marks;
}

export function keepMarks(userId: string, conversationId: string, members: MemberState[]) {
  const marks: Marks = Object.fromEntries(members.map((m) => [m.user.id, [m.deliveredSeq, m.readSeq]]));
  const rest = read(userId).filter((k) => k.id !== conversationId);
  try {
    localStorage.setItem(
      key(userId),
      JSON.stringify([...rest, { id: conversationId, marks }].slice(-KEPT_CONVERSATIONS)),
    );
  } catch {
    // Storage full or disabled: ticks are then only as fresh as the page.
  }
}

export function forgetKeptMarks(userId: string) {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    // Nothing kept.
  }
}

/**
 * The members with every watermark at least as far as last shown. A read state the page hides
 * (null: that person turned read receipts off) stays hidden.
 */
export function withKeptMarks(members: MemberState[], kept: Marks | undefined): MemberState[] {
  if (!kept) return members;
  return members.map((m) => {
    const [delivered, read] = kept[m.user.id] ?? [0, 0];
    const deliveredSeq = Math.max(m.deliveredSeq, delivered);
    const readSeq = m.readSeq === null ? null : Math.max(m.readSeq, read ?? 0);
    return deliveredSeq === m.deliveredSeq && readSeq === m.readSeq ? m : { ...m, deliveredSeq, readSeq };
  });
}
