import "server-only";
import { listMessages, type Page } from "@/lib/server/db/messages";
import { requireMembership } from "./access";
import { toMessage } from "./serialize";
import { loadWatermarks } from "./watermarks-view";

/** A page of a conversation's history (ascending), own messages carrying their status. */
export async function getMessages(input: { userId: string; conversationId: string; page: Page }) {
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const [{ messages, hasMore }, { watermarks }] = await Promise.all([
    listMessages(input.conversationId, input.page),
    loadWatermarks(input.conversationId, input.userId, conversation.kind),
  ]);
  return { messages: messages.map((m) => toMessage(m, input.userId, watermarks)), hasMore };
}
