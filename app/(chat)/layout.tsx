import { redirect } from "next/navigation";
import { ChatShell } from "@/components/chat/chat-shell";
import type { ChatActions } from "@/lib/core/actions";
import { paths } from "@/lib/core/paths";
import { currentUser } from "@/lib/server/auth/session";
import { listConversations } from "@/lib/server/chat/conversations";
import { getAccount } from "@/lib/server/chat/users";
import { publicRealtimeConfig, publicStorageConfig } from "@/lib/server/env";
import {
  addMembersAction,
  createConversationAction,
  renameGroupAction,
  signOutAction,
  updateSettingsAction,
} from "./actions";

// Handed to the browser as references: the chat's code calls them without importing app/.
const actions: ChatActions = {
  createConversation: createConversationAction,
  renameGroup: renameGroupAction,
  addMembers: addMembersAction,
  updateSettings: updateSettingsAction,
  signOut: signOutAction,
};

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const session = await currentUser();
  // A session for an account that no longer exists (e.g. a reset dev database) is signed out.
  const me = session && (await getAccount(session.id));
  if (!me) redirect(paths.login);
  const conversations = await listConversations(me.id);
  return (
    <ChatShell
      value={{ me, realtime: publicRealtimeConfig(), storage: publicStorageConfig(), actions }}
      conversations={conversations}
    >
      {children}
    </ChatShell>
  );
}
