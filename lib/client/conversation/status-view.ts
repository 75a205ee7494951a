// What the sender sees for one of their messages: the status and the words that say it, from the
// receipts the server counted (docs/architecture.md, "Receipts").
import { statusOf, type ConversationKind, type Receipts } from "@/lib/core/status";
import type { ClientMessage } from "./merge";

export type DisplayStatus = "sending" | "failed" | "sent" | "delivered" | "read";

export type StatusView = { status: DisplayStatus; label: string; receipts?: Receipts };

export function statusView(message: ClientMessage, kind: ConversationKind): StatusView {
  if (message.local === "sending") return { status: "sending", label: "Sending" };
  if (message.local === "failed") return { status: "failed", label: "Not sent" };
  const receipts = message.receipts ?? { recipients: 0, delivered: 0, read: 0 };
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
