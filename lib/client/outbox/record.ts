// What this browser keeps for a user until the server has it: messages not yet stored (the outbox)
// and half-written drafts. IndexedDB stores these records by structured clone, so a later field
// may hold Blobs (files to upload with a queued message) without changing how they are kept.
import type { ErrorCode } from "@/lib/core/errors";
import type { Quote } from "@/lib/core/types";
import type { PickedFile } from "@/lib/client/attachments/picked";

/** Why the last attempt didn't store a message. */
export type SendFailure = {
  code: ErrorCode | "network";
  /** Words for the person: the server's reason when it gave one. */
  message: string;
  /** The same request may succeed later (no answer, a server error); false: refused for good. */
  retryable: boolean;
};

/**
 * One message on its way. `clientId` is its key and its idempotency key: every attempt, in any
 * tab, before or after a restart, sends the same one, so the server stores the message once.
 */
export type OutboxRecord = {
  clientId: string;
  conversationId: string;
  /** Typed order across the user's outbox (assigned when added): sends go out in this order. */
  order: number;
  body: string;
  /** Replying to a message: its quote, shown at once; the send carries its seq. */
  replyTo?: Quote;
  /** Pictures and files to upload before the message goes (≤ 10, in the order shown). */
  files?: OutboxFile[];
  /** When it was typed (shown under the bubble until the server's time replaces it). */
  createdAt: string;
  /** queued: waiting to be sent (shown as Sending); failed: Not sent, until retried, edited or deleted. */
  state: "queued" | "failed";
  failure?: SendFailure;
};

/**
 * A file queued with its message: the Blob itself (IndexedDB keeps it across reloads, so Retry
 * never asks to pick it again), and once it is in the object store, its upload id — a retry then
 * doesn't upload it twice.
 */
export type OutboxFile = PickedFile & { uploadId?: string };

export type NewOutboxRecord = Omit<OutboxRecord, "order" | "state" | "failure">;

export type Draft = { conversationId: string; body: string };

/** The next message to send: the oldest queued one. Failed ones wait for the person. */
export function nextToSend(records: readonly OutboxRecord[]): OutboxRecord | undefined {
  let next: OutboxRecord | undefined;
  for (const r of records) if (r.state === "queued" && (!next || r.order < next.order)) next = r;
  return next;
}
