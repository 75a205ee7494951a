import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/conversations";

// "/" opens the most recently active conversation (the lobby for a new account).
export default async function Home() {
  const user = await requireUser();
  const [latest] = await listConversations(user.id);
  redirect(latest ? `/conversations/${latest.id}` : "/conversations");
}
