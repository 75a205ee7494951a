// What the sender sees for one of their messages: the status and the words that say it.
import { receiptsFor, statusOf, type ConversationKind, type Receipts } from "@/lib/core/status";
import type { MemberState } from "@/lib/core/types";
import type { ClientMessage } from "./merge";

export type DisplayStatus = "sending" | "failed" | "sent" | "delivered" | "read";

export type StatusView = { status: DisplayStatus; label: string; receipts?: Receipts };

export function statusView(
  message: ClientMessage,
  members: MemberState[],
  kind: ConversationKind,
): StatusView {
  if (message.local === "sending") return { status: "sending", label: "Sending" };
  if (message.local === "failed") return { status: "failed", label: "Not sent" };
  const receipts = receiptsFor(
    { seq: message.seq, senderId: message.sender.id },
    members.map((m) => ({
      userId: m.user.id,
      joinedSeq: m.joinedSeq,
      deliveredSeq: m.deliveredSeq,
      readSeq: m.readSeq,
    })),
  );
  const status = statusOf(receipts);
  return { status, label: labelFor(status, receipts, kind), receipts };
}

function labelFor(status: DisplayStatus, r: Receipts, kind: ConversationKind): string {
  if (kind === "direct" || r.recipients <= 1) {
    return status === "read" ? "Read" : status === "delivered" ? "Delivered" : "Sent";
  }
  if (status === "read") return `Read by ${r.read} of ${r.recipients}`;
  const read = r.read > 0 ? ` · read by ${r.read} of ${r.recipients}` : "";
  if (status === "delivered") return `Delivered to all ${r.recipients}${read}`;
  return `Sent · delivered to ${r.delivered} of ${r.recipients}${read}`;
}

/** Who got a message and who read it, for the "Seen by" detail. */
export function recipientStates(message: ClientMessage, members: MemberState[]) {
  return members
    .filter((m) => m.user.id !== message.sender.id && m.joinedSeq < message.seq)
    .map((m) => ({
      user: m.user,
      state:
        m.readSeq !== null && m.readSeq >= message.seq
          ? ("read" as const)
          : m.deliveredSeq >= message.seq
            ? ("delivered" as const)
            : ("sent" as const),
      readHidden: m.readSeq === null,
    }));
}
