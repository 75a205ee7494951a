import { redirect } from "next/navigation";
import { paths } from "@/lib/core/paths";
import { currentUser } from "@/lib/server/auth/session";
import { listConversations } from "@/lib/server/chat/conversations";

// "/" opens the most recently active conversation (the lobby for a new account).
export default async function Home() {
  // The layout redirects a signed-out (or revoked) session too; this page renders alongside it, so
  // it redirects rather than throwing a 401 that would be logged as a server error.
  const user = await currentUser();
  if (!user) redirect(paths.login);
  const [latest] = await listConversations(user.id);
  redirect(latest ? paths.conversation(latest.id) : paths.conversations);
}
