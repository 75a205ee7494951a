import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ConversationView } from "@/components/chat/conversation-view";
import { paths } from "@/lib/core/paths";
import { currentUser } from "@/lib/server/auth/session";
import { getConversation } from "@/lib/server/chat/conversations";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Ticks" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect(paths.login);
  const { id } = await params;
  // The same 404 as the API's for a malformed, unknown or foreign conversation id.
  const detail = await getConversation({ userId: user.id, conversationId: id }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  });
  // Keyed by id: switching conversations starts a fresh view (and subscription).
  return <ConversationView key={detail.conversation.id} initial={detail} />;
}
