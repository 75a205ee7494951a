import { redirect } from "next/navigation";
import { ChatShell } from "@/components/chat/chat-shell";
import { currentUser } from "@/lib/server/auth/session";
import { listConversations } from "@/lib/server/chat/conversations";
import { getAccount } from "@/lib/server/chat/users";
import { publicRealtimeConfig } from "@/lib/server/env";

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
