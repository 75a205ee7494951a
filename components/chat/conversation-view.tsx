"use client";

import Link from "next/link";
import { usePresence } from "@/lib/client/realtime/presence";
import { useChat } from "@/lib/client/chat-context";
import { hasOlder, lastConfirmedSeq } from "@/lib/client/conversation/merge";
import { useConversation } from "@/lib/client/conversation/use-conversation";
import { useOfflineCopy } from "@/lib/client/offline/use-offline-copy";
import { useDraft } from "@/lib/client/outbox/use-draft";
import { paths } from "@/lib/core/paths";
import type { ConversationDetail } from "@/lib/core/types";
import { Composer } from "./composer";
import { ConnectionStatus } from "./connection-status";
import { ConversationAvatar } from "./conversation-avatar";
import { MessageList } from "./message-list";
import { TypingIndicator } from "./typing-indicator";

export function ConversationView({ initial }: { initial: ConversationDetail }) {
  const { me } = useChat();
  const { detail, messages, send, retry, discard, loadOlder, markRead, unreadFrom, ...typing } =
    useConversation(initial);
  const { conversation } = detail;
  const draft = useDraft(conversation.id);
  useOfflineCopy(paths.conversation(conversation.id), lastConfirmedSeq(detail.messages));
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
    <section aria-label={conversation.title} className="flex h-full min-h-0 flex-col">
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
        messages={messages}
        meId={me.id}
        conversationId={conversation.id}
        kind={conversation.kind}
        peer={other}
        hasOlder={hasOlder(messages)}
        unreadFrom={unreadFrom}
        onLoadOlder={loadOlder}
        onRetry={retry}
        onDiscard={discard}
        onSeen={markRead}
      />
      <TypingIndicator names={typing.typingNames} />
      <Composer onSend={send} onTyping={typing.notifyTyping} draft={draft} />
    </section>
  );
}
