import "server-only";
import type { Message } from "@/lib/core/types";
import { listMessages, type MessageRow, type Page } from "@/lib/server/db/messages";
import { requireMembership } from "./access";
import { receiptsOf } from "./receipts";
import { toMessage } from "./serialize";

/** A page of a conversation's history (ascending), own messages carrying their receipts. */
export async function getMessages(input: { userId: string; conversationId: string; page: Page }) {
  const member = await requireMembership(input.conversationId, input.userId);
  const { messages, hasMore } = await listMessages(member.conversation.id, input.page);
  return { messages: await withReceipts(member.conversation.id, input.userId, messages), hasMore };
}

/** Messages as the viewer sees them: their own with receipts, counted once for the whole page. */
export async function withReceipts(
  conversationId: string,
  viewerId: string,
  rows: MessageRow[],
): Promise<Message[]> {
  const own = rows.filter((r) => r.sender.id === viewerId).map((r) => r.seq);
  const receipts = await receiptsOf(conversationId, viewerId, own);
  return rows.map((r) => toMessage(r, receipts.get(r.seq)));
}
