// What the sender sees for one of their messages: the status and the words that say it, from the
// receipts the server counted (docs/architecture.md, "Receipts").
import { statusOf, type ConversationKind, type Receipts } from "@/lib/core/status";
import type { ClientMessage } from "./merge";

export type DisplayStatus = "sending" | "failed" | "sent" | "delivered" | "read";

/**
 * `label` is the status in words (the accessible name, message info); `count`, in a group, is what
 * shows beside the glyph instead: "2/3" — while sent, how many got it; once all did, how many read it.
 */
export type StatusView = { status: DisplayStatus; label: string; receipts?: Receipts; count?: string };

export function statusView(message: ClientMessage, kind: ConversationKind): StatusView {
  if (message.local === "sending") return { status: "sending", label: "Sending" };
  if (message.local === "failed") return { status: "failed", label: "Not sent" };
  const receipts = message.receipts ?? { recipients: 0, delivered: 0, read: 0 };
  const status = statusOf(receipts);
  const label = labelFor(status, receipts, kind);
  if (kind === "direct" || receipts.recipients <= 1) return { status, label, receipts };
  return { status, label, receipts, count: countFor(status, receipts) };
}

function countFor(status: DisplayStatus, r: Receipts): string {
  if (status === "sent") return `${r.delivered}/${r.recipients}`;
  if (status === "delivered" && r.read > 0) return `${r.read}/${r.recipients} read`;
  return `${r.recipients}/${r.recipients}`;
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
