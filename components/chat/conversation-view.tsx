"use client";

import Link from "next/link";
import { usePresence } from "@/lib/client/realtime/presence";
import { useChat } from "@/lib/client/chat-context";
import { useFileDrop } from "@/lib/client/attachments/use-file-drop";
import { usePickedFiles } from "@/lib/client/attachments/use-picked-files";
import { hasOlder } from "@/lib/client/conversation/merge";
import { useConversation } from "@/lib/client/conversation/use-conversation";
import type { ConversationDetail } from "@/lib/core/types";
import { Composer } from "./composer";
import { ConnectionStatus } from "./connection-status";
import { ConversationAvatar } from "./conversation-avatar";
import { MessageList } from "./message-list";
import { TypingIndicator } from "./typing-indicator";

export function ConversationView({ initial }: { initial: ConversationDetail }) {
  const { me, storage } = useChat();
  const picked = usePickedFiles(storage);
  const drop = useFileDrop((files) => void picked.add(files));
  const { detail, send, retry, loadOlder, markRead, unreadFrom, typingNames, notifyTyping } =
    useConversation(initial);
  const { conversation } = detail;
  const presence = usePresence([conversation.id]);
  const online = presence(conversation.id);
  const other = conversation.kind === "direct" ? conversation.members.find((m) => m.id !== me.id) : undefined;
  const othersOnline = online ? [...online].filter((id) => id !== me.id).length : 0;
  const subtitle = other
    ? online?.has(other.id)
      ? "online"
      : `@${other.username}`
    : `${conversation.memberCount} members${othersOnline ? ` · ${othersOnline} online` : ""}`;

  return (
    <section
      aria-label={conversation.title}
      className="relative flex h-full min-h-0 flex-col"
      {...drop.handlers}
    >
      {drop.dragging ? (
        <div
          aria-hidden="true"
          className="border-brand-500 bg-brand-50/90 text-brand-700 pointer-events-none absolute inset-2 z-30 grid place-items-center rounded-2xl border-2 border-dashed text-lg font-medium dark:bg-slate-900/90 dark:text-slate-100"
        >
          {picked.enabled ? "Drop files to attach" : "Attachments are off on this server"}
        </div>
      ) : null}
      <header className="flex items-center gap-3 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <Link
          href="/conversations"
          className="rounded-full p-2 text-slate-600 hover:bg-slate-100 md:hidden dark:text-slate-300 dark:hover:bg-slate-800"
          aria-label="Back to conversations"
        >
          <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
            <path
              d="M12.5 4l-6 6 6 6"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </Link>
        <ConversationAvatar conversation={conversation} meId={me.id} />
        <div className="min-w-0">
          <h1 className="truncate font-semibold">{conversation.title}</h1>
          <p
            data-testid="conversation-subtitle"
            className="truncate text-xs text-slate-500 dark:text-slate-400"
          >
            {subtitle}
          </p>
        </div>
      </header>
      <ConnectionStatus />
      <MessageList
        key={conversation.id}
        messages={detail.messages}
        meId={me.id}
        conversationId={conversation.id}
        kind={conversation.kind}
        peer={other}
        hasOlder={hasOlder(detail.messages)}
        unreadFrom={unreadFrom}
        onLoadOlder={loadOlder}
        onRetry={retry}
        onSeen={markRead}
      />
      <TypingIndicator names={typingNames} />
      <Composer onSend={(body, files) => void send(body, files)} onTyping={notifyTyping} picked={picked} />
    </section>
  );
}
