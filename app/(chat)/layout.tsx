import { redirect } from "next/navigation";
import { ChatShell } from "@/components/chat/chat-shell";
import { currentUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/conversations";
import { getAccount } from "@/lib/chat/users";
import { publicRealtimeConfig } from "@/lib/env";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const session = await currentUser();
  // A session for an account that no longer exists (e.g. a reset dev database) is signed out.
  const me = session && (await getAccount(session.id));
  if (!me) redirect("/login");
  const conversations = await listConversations(me.id);
  return (
    <ChatShell value={{ me, realtime: publicRealtimeConfig() }} conversations={conversations}>
      {children}
    </ChatShell>
  );
}
