"use client";

import { usePathname } from "next/navigation";
import { SWRConfig } from "swr";
import { signOutAction } from "@/app/(chat)/actions";
import { ChatContext, useChat, type ChatContextValue } from "@/lib/chat/client/realtime-context";
import { useInbox } from "@/lib/chat/client/use-inbox";
import type { ConversationSummary } from "@/lib/chat/types";
import { disconnectRealtime } from "@/lib/realtime/client";
import { Avatar } from "@/components/ui/avatar";
import { ConversationList } from "./conversation-list";
import { NewChatDialog } from "./new-chat-dialog";
import { SettingsDialog } from "./settings-dialog";

export function ChatShell({
  value,
  conversations,
  children,
}: {
  value: ChatContextValue;
  conversations: ConversationSummary[];
  children: React.ReactNode;
}) {
  return (
    <SWRConfig value={{ dedupingInterval: 1000 }}>
      <ChatContext.Provider value={value}>
        <Layout conversations={conversations}>{children}</Layout>
      </ChatContext.Provider>
    </SWRConfig>
  );
}

function Layout({
  conversations: initial,
  children,
}: {
  conversations: ConversationSummary[];
  children: React.ReactNode;
}) {
  const { me } = useChat();
  const { conversations, mutate } = useInbox(initial);
  // On small screens the list and the open conversation are two screens.
  const listOnly = usePathname() === "/conversations";
  return (
    <div className="flex h-dvh">
      <aside
        aria-label="Chats"
        className={`${listOnly ? "flex" : "hidden"} w-full flex-col border-r border-slate-200 md:flex md:w-80 lg:w-96 dark:border-slate-800`}
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2.5 dark:border-slate-800">
          <Avatar name={me.name} seed={me.id} size="sm" />
          <span className="min-w-0 flex-1 truncate text-sm font-medium" title={`@${me.username}`}>
            {me.name}
          </span>
          <NewChatDialog onCreated={() => void mutate()} />
          <SettingsDialog />
          <form action={signOutAction} onSubmit={() => disconnectRealtime()}>
            <button
              type="submit"
              className="rounded-full px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Sign out
            </button>
          </form>
        </div>
        <ConversationList conversations={conversations} meId={me.id} />
      </aside>
      <main className={`${listOnly ? "hidden md:flex" : "flex"} min-w-0 flex-1 flex-col`}>{children}</main>
    </div>
  );
}
