"use client";

import { useEffect, useMemo, useState } from "react";
import { usePresence } from "@/lib/client/realtime/presence";
import { useChat } from "@/lib/client/chat-context";
import { hasOlder } from "@/lib/client/conversation/merge";
import { useConversation } from "@/lib/client/conversation/use-conversation";
import { useJump } from "@/lib/client/conversation/use-jump";
import type { ConversationDetail } from "@/lib/core/types";
import { Composer } from "./composer";
import { ComposerModeBanner, quoteOf, type ComposerMode } from "./composer-mode";
import { ConnectionStatus } from "./connection-status";
import { ConversationHeader } from "./conversation-header";
import { MessageActionsContext, type MessageActions } from "./message/message-actions-context";
import { MessageList } from "./message-list";
import { TypingIndicator } from "./typing-indicator";

export function ConversationView({ initial }: { initial: ConversationDetail }) {
  const { me } = useChat();
  const { detail, latest, send, retry, loadOlder, markRead, actions, unreadFrom, typingNames, notifyTyping } =
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
  // A former member (removed, or left) keeps reading what they were there for, and can't write.
  const member = conversation.role !== null;

  const [mode, setMode] = useState<ComposerMode>(null);
  useEffect(() => {
    if (mode) document.getElementById("composer")?.focus();
  }, [mode]);
  const jumpTo = useJump(latest, loadOlder);
  const messageActions = useMemo<MessageActions>(
    () => ({
      reply: (m) => setMode({ kind: "reply", quote: quoteOf(m) }),
      startEdit: (m) => setMode({ kind: "edit", seq: m.seq, body: m.body }),
      deleteForEveryone: (seq) => void actions.deleteForEveryone(seq),
      deleteForMe: (seq) => void actions.deleteForMe(seq),
      react: actions.react,
      jumpTo: (seq) => void jumpTo(seq),
      canAct: member,
    }),
    [actions, jumpTo, member],
  );

  const submit = (body: string) => {
    if (mode?.kind === "edit") {
      if (body !== mode.body) void actions.edit(mode.seq, body);
    } else void send(body, mode?.kind === "reply" ? mode.quote : undefined);
    setMode(null);
  };

  return (
    <section aria-label={conversation.title} className="flex h-full min-h-0 flex-col">
      <ConversationHeader conversation={conversation} meId={me.id} subtitle={subtitle} />
      <ConnectionStatus />
      <MessageActionsContext value={messageActions}>
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
      </MessageActionsContext>
      {member ? (
        <>
          <TypingIndicator names={typingNames} />
          <ComposerModeBanner mode={mode} onCancel={() => setMode(null)} />
          <Composer
            key={mode?.kind === "edit" ? `edit-${mode.seq}` : "compose"}
            initialBody={mode?.kind === "edit" ? mode.body : ""}
            editing={mode?.kind === "edit"}
            onCancel={mode ? () => setMode(null) : undefined}
            onSend={submit}
            onTyping={notifyTyping}
          />
        </>
      ) : (
        <p
          role="status"
          className="border-t border-slate-200 p-4 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300"
        >
          You’re no longer a member of this group. You can read what was said while you were in it.
        </p>
      )}
    </section>
  );
}
