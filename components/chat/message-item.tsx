"use client";

import { lazy, memo, Suspense } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { statusView } from "@/lib/client/conversation/status-view";
import type { ConversationKind } from "@/lib/core/status";
import type { User } from "@/lib/core/types";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import { AttachmentsSpace } from "./attachments/attachments-layout";
import { EditedLabel } from "./message/edited-label";
import { MessageText } from "./message/message-text";
import { WithMessageMenu } from "./message/message-menu-button";
import { ReactionsBar } from "./message/reactions-bar";
import { ReplyQuote } from "./message/reply-quote";
import { SystemLine } from "./message/system-line";
import { MessageStatus } from "./message-status";

// Pictures and files render from their own chunk: a conversation page pays for it only when a
// message carries files. Server rendering resolves it, so the first paint already has them; a
// message that comes later keeps their exact room (AttachmentsSpace) until it has loaded.
const MessageAttachments = lazy(() =>
  import("./attachments/message-attachments").then((m) => ({ default: m.MessageAttachments })),
);

const ACTION = "rounded px-1 font-medium text-red-600 underline hover:text-red-700 dark:text-red-400";

export const MessageItem = memo(function MessageItem({
  message,
  mine,
  meId,
  showSender,
  conversationId,
  kind,
  peer,
  onRetry,
  onDiscard,
  onEditFailed,
  quiet = false,
}: {
  message: ClientMessage;
  mine: boolean;
  /** Mine, with another of mine right after: its time and status show on hover or focus only. */
  quiet?: boolean;
  meId: string;
  showSender: boolean;
  conversationId: string;
  kind: ConversationKind;
  peer?: User;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** Not sent: its text (files, reply) back in the composer, the attempt dropped; only a member can. */
  onEditFailed?: (message: ClientMessage) => void;
}) {
  if (message.system) return <SystemLine message={message} meId={meId} />;
  const hasFiles = Boolean(message.pending?.length || message.attachments?.length);
  return (
    <li
      data-testid="message"
      data-seq={message.local ? undefined : message.seq}
      data-edit-seq={message.editSeq}
      data-client-id={message.clientId}
      className={`group/message flex gap-2 px-3 ${mine ? "justify-end" : "justify-start"} ${showSender ? "mt-3" : "mt-0.5"}`}
    >
      {!mine ? (
        <span className="w-7 shrink-0">
          {showSender ? <Avatar name={message.sender.name} seed={message.sender.id} size="sm" /> : null}
        </span>
      ) : null}
      <div className={`flex max-w-[78%] min-w-0 flex-col ${mine ? "items-end" : "items-start"}`}>
        {showSender && !mine ? (
          <span className="mb-0.5 px-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            {message.sender.name}
          </span>
        ) : null}
        <WithMessageMenu message={message} mine={mine}>
          <div
            className={`flex flex-col gap-1.5 rounded-2xl text-[15px] leading-snug shadow-sm ${
              hasFiles ? "p-1.5" : "px-3 py-2"
            } ${
              mine
                ? "bg-brand-600 rounded-br-md text-white"
                : "rounded-bl-md bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100"
            } ${message.local === "failed" ? "opacity-70" : ""} ${message.deleted ? "italic opacity-80" : ""}`}
          >
            {message.replyTo ? <ReplyQuote quote={message.replyTo} mine={mine} /> : null}
            {hasFiles ? (
              <Suspense fallback={<AttachmentsSpace message={message} />}>
                <MessageAttachments message={message} conversationId={conversationId} />
              </Suspense>
            ) : null}
            {message.deleted ? (
              <div className="whitespace-pre-wrap">
                {mine ? "You deleted this message" : "This message was deleted"}
              </div>
            ) : message.body || !hasFiles ? (
              <MessageText body={message.body} mine={mine} className={hasFiles ? "px-1.5 pb-0.5" : ""} />
            ) : null}
          </div>
        </WithMessageMenu>
        {message.reactions?.length ? (
          <ReactionsBar seq={message.seq} reactions={message.reactions} meId={meId} mine={mine} />
        ) : null}
        <div
          className={`mt-0.5 flex items-center gap-2 px-1 text-[11px] whitespace-nowrap text-slate-500 dark:text-slate-400 ${
            quiet && !message.local
              ? "opacity-0 group-focus-within/message:opacity-100 group-hover/message:opacity-100 has-[[role=dialog]]:opacity-100"
              : ""
          }`}
        >
          <RelativeTime iso={message.createdAt} clock />
          {message.editedAt && !message.deleted ? <EditedLabel message={message} mine={mine} /> : null}
          {mine && !message.deleted ? (
            <MessageStatus
              view={statusView(message, kind)}
              message={message}
              peer={peer}
              conversationId={conversationId}
            />
          ) : null}
          {message.local === "failed" ? (
            <>
              {message.failure?.retryable !== false ? (
                <button type="button" onClick={() => onRetry(message.clientId)} className={ACTION}>
                  Retry
                </button>
              ) : null}
              {onEditFailed ? (
                <button type="button" onClick={() => onEditFailed(message)} className={ACTION}>
                  Edit
                </button>
              ) : null}
              <button type="button" onClick={() => onDiscard(message.clientId)} className={ACTION}>
                Delete
              </button>
            </>
          ) : null}
        </div>
        {message.failure ? (
          <p data-testid="send-failure" className="px-1 text-[11px] text-red-600 dark:text-red-400">
            {message.failure.message}
          </p>
        ) : null}
      </div>
    </li>
  );
});
