"use client";

import { usePathname } from "next/navigation";
import { lazy, useCallback, useState, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { ChatContext, useChat, type ChatContextValue } from "@/lib/client/chat-context";
import { toast } from "@/lib/client/toast";
import { useInbox } from "@/lib/client/inbox/use-inbox";
import { forgetThisDevice } from "@/lib/client/offline/forget-device";
import { useOfflineShell } from "@/lib/client/offline/use-offline-copy";
import { useOutboxSetup } from "@/lib/client/outbox/use-outbox";
import type { ConversationSummary } from "@/lib/core/types";
import { disconnectRealtime } from "@/lib/client/realtime/connection";
import { Toaster } from "@/components/ui/toaster";
import { AccountButton } from "./account-button";
import { ConversationList } from "./conversation-list";
import { SearchHost } from "./search/search-host";

// The dialogs aren't needed to show a conversation: their code loads when first wanted (a hover
// or focus starts it), which keeps them out of the page's first JavaScript.
const loadNewChat = () => import("./new-chat-dialog");
const loadSettings = () => import("./settings-dialog");
const preload = (load: () => Promise<unknown>) => () => void load().catch(() => {});
const AccountMenu = lazy(() => loadSettings().then((m) => ({ default: m.AccountMenu })));

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
  const { me, actions } = useChat();
  const { conversations, mutate } = useInbox(initial);
  useOutboxSetup();
  useOfflineShell();
  // Nothing of this user's stays on the device: queued messages, drafts, offline copies.
  const signOut = async () => {
    disconnectRealtime();
    await forgetThisDevice(me.id).catch(() => {});
    await actions.signOut();
  };
  const [dialog, setDialog] = useState<ReactNode>(null);
  const close = useCallback(() => setDialog(null), []);
  const openNewChat = async () => {
    const m = await loadNewChat().catch(() => null);
    if (!m) return toast("Couldn't open New chat. Check your connection and try again.");
    setDialog(<m.NewChatDialog onCreated={() => void mutate()} onClose={close} />);
  };
  const openSettings = async () => {
    const m = await loadSettings().catch(() => null);
    if (!m) return toast("Couldn't open Settings. Check your connection and try again.");
    setDialog(<m.SettingsDialog onClose={close} />);
  };
  // On small screens the list and the open conversation are two screens.
  const listOnly = usePathname() === "/conversations";
  return (
    <div className="flex h-dvh">
      {listOnly ? null : (
        <a
          href="#messages"
          onClick={(e) => {
            // Focus, not just scroll: the next Tab goes on from the conversation.
            const target = document.getElementById("messages");
            if (!target) return;
            e.preventDefault();
            target.focus();
          }}
          className="focus-visible:outline-brand-500 fixed top-2 left-2 z-50 -translate-y-16 rounded-full bg-white px-4 py-2 text-sm font-medium text-slate-900 shadow-md ring-1 ring-slate-200 focus:translate-y-0 focus-visible:outline-2 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-700"
        >
          Skip to conversation
        </a>
      )}
      <aside
        aria-label="Chats"
        className={`${listOnly ? "flex" : "hidden"} w-full flex-col border-r border-slate-200 md:flex md:w-80 lg:w-96 dark:border-slate-800`}
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2.5 dark:border-slate-800">
          <AccountButton
            me={me}
            menu={AccountMenu}
            preload={preload(loadSettings)}
            onSettings={() => void openSettings()}
            onSignOut={signOut}
          />
          <button
            type="button"
            onClick={() => void openNewChat()}
            onPointerEnter={preload(loadNewChat)}
            onFocus={preload(loadNewChat)}
            className="bg-brand-600 hover:bg-brand-700 focus-visible:outline-brand-500 shrink-0 rounded-full px-3 py-1.5 text-sm font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            New chat
          </button>
        </div>
        <ConversationList conversations={conversations} meId={me.id} />
      </aside>
      <main className={`${listOnly ? "hidden md:flex" : "flex"} min-w-0 flex-1 flex-col`}>{children}</main>
      {dialog}
      <SearchHost conversations={conversations} />
      <Toaster />
    </div>
  );
}
