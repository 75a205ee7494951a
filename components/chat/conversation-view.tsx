"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useSubtitle } from "@/lib/client/realtime/use-subtitle";
import { useChat } from "@/lib/client/chat-context";
import { useFileDrop } from "@/lib/client/attachments/use-file-drop";
import type { PickedFile } from "@/lib/client/attachments/picked";
import { usePickedFiles } from "@/lib/client/attachments/use-picked-files";
import { hasOlder, lastConfirmedSeq, type ClientMessage } from "@/lib/client/conversation/merge";
import { useConversation } from "@/lib/client/conversation/use-conversation";
import { onJumpRequest } from "@/lib/client/conversation/jump-request";
import { useJump } from "@/lib/client/conversation/use-jump";
import { useOfflineCopy } from "@/lib/client/offline/use-offline-copy";
import { useDraft } from "@/lib/client/outbox/use-draft";
import { directPeer } from "@/lib/core/direct-peer";
import { paths } from "@/lib/core/paths";
import type { ConversationDetail } from "@/lib/core/types";
import { Composer } from "./composer";
import { ComposerModeBanner, quoteOf, type ComposerMode } from "./composer-mode";
import { ConnectionStatus } from "./connection-status";
import { ConversationHeader } from "./conversation-header";
import { MessageActionsContext, type MessageActions } from "./message/message-actions-context";
import { MessageList } from "./message-list";
import { TypingIndicator } from "./typing-indicator";

export function ConversationView({ initial }: { initial: ConversationDetail }) {
  const { me, storage } = useChat();
  const picked = usePickedFiles(storage);
  const drop = useFileDrop((files) => void picked.add(files));
  const {
    detail,
    latest,
    messages,
    send,
    retry,
    discard,
    loadOlder,
    markRead,
    actions,
    unreadFrom,
    ...typing
  } = useConversation(initial);
  const { conversation } = detail;
  const draft = useDraft(conversation.id);
  useOfflineCopy(paths.conversation(conversation.id), lastConfirmedSeq(detail.messages));
  const other = directPeer(conversation, me.id);
  const subtitle = useSubtitle(detail, me.id, other);
  // A former member (removed, or left) keeps reading what they were there for, and can't write.
  const member = conversation.role !== null;

  const [mode, setMode] = useState<ComposerMode>(null);
  useEffect(() => {
    if (mode) document.getElementById("composer")?.focus();
  }, [mode]);
  const jumpTo = useJump(latest, loadOlder);
  useEffect(() => onJumpRequest(conversation.id, jumpTo), [conversation.id, jumpTo]);
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

  // Edit on a Not sent message: what it held goes back into the composer (after anything typed
  // there), as a reply again if it was one, and the attempt leaves the outbox — sending it again
  // is a new message with a new clientId, so the refused one can never be stored as well.
  const { putBack } = draft;
  const { setFiles } = picked;
  const editFailed = useCallback(
    (m: ClientMessage) => {
      putBack(m.body);
      const files = (m.pending ?? []).map(({ uploadId: _, ...file }) => file);
      if (files.length) setFiles((current) => [...files, ...current]);
      setMode(m.replyTo ? { kind: "reply", quote: m.replyTo } : null);
      void discard(m.clientId);
    },
    [putBack, setFiles, discard],
  );

  // A new message resolves once it is kept in the outbox; an edit goes straight to the server
  // (it changes what is there, so it isn't queued: failing, it says so and the text stays).
  const submit = async (body: string, files: PickedFile[]) => {
    const current = mode;
    setMode(null);
    if (current?.kind === "edit") {
      if (body !== current.body) await actions.edit(current.seq, body);
      return;
    }
    await send(body, current?.kind === "reply" ? current.quote : undefined, files);
  };

  return (
    <section
      aria-label={conversation.title}
      className="relative flex h-full min-h-0 flex-col"
      {...(member ? drop.handlers : {})}
    >
      {drop.dragging && member ? (
        <div
          aria-hidden="true"
          className="border-brand-500 bg-brand-50/90 text-brand-700 pointer-events-none absolute inset-2 z-30 grid place-items-center rounded-2xl border-2 border-dashed text-lg font-medium dark:bg-slate-900/90 dark:text-slate-100"
        >
          {storage.enabled ? "Drop files to attach" : "Attachments are off on this server"}
        </div>
      ) : null}
      <ConversationHeader conversation={conversation} meId={me.id} subtitle={subtitle} />
      <ConnectionStatus />
      <MessageActionsContext value={messageActions}>
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
          onEditFailed={member ? editFailed : undefined}
          onSeen={markRead}
        />
      </MessageActionsContext>
      {member ? (
        <>
          <TypingIndicator names={typing.typingNames} />
          <ComposerModeBanner mode={mode} onCancel={() => setMode(null)} />
          <Composer
            key={mode?.kind === "edit" ? `edit-${mode.seq}` : `compose-${draft.version}`}
            initialBody={mode?.kind === "edit" ? mode.body : ""}
            editing={mode?.kind === "edit"}
            draft={mode?.kind === "edit" ? undefined : draft}
            picked={mode?.kind === "edit" ? undefined : picked}
            onCancel={mode ? () => setMode(null) : undefined}
            onSend={submit}
            onTyping={typing.notifyTyping}
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
