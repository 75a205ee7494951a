import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ConversationView } from "@/components/chat/conversation-view";
import { currentUser } from "@/lib/server/auth/session";
import { getConversation } from "@/lib/server/chat/conversations";
import { AppError } from "@/lib/server/errors";
import { idSchema } from "@/lib/core/validations/common";

export const metadata: Metadata = { title: "Ticks" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const parsed = idSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const detail = await getConversation({ userId: user.id, conversationId: parsed.data }).catch(
    (error: unknown) => {
      if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
      throw error;
    },
  );
  // Keyed by id: switching conversations starts a fresh view (and subscription).
  return <ConversationView key={parsed.data} initial={detail} />;
}
