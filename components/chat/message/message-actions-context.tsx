"use client";
// What a message's menu, quote and reactions can do, handed down once from the conversation view
// (so each message row stays memoised and takes no callbacks of its own).
import { createContext, use } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";

export type MessageActions = {
  reply: (message: ClientMessage) => void;
  startEdit: (message: ClientMessage) => void;
  deleteForEveryone: (seq: number) => void;
  deleteForMe: (seq: number) => void;
  react: (seq: number, emoji: string) => void;
  jumpTo: (seq: number) => void;
  /** False for a former member: the history is read-only. */
  canAct: boolean;
};

export const MessageActionsContext = createContext<MessageActions | null>(null);

export function useMessageActionsContext(): MessageActions {
  const value = use(MessageActionsContext);
  if (!value) throw new Error("MessageActionsContext missing");
  return value;
}
