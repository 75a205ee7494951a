"use client";
// What every chat component needs to know: who I am, how to reach the realtime server, and the
// server actions to call. The chat layout (a server component) provides it once.
import { createContext, useContext } from "react";
import type { ChatActions } from "@/lib/core/actions";
import type { PublicStorageConfig } from "@/lib/core/attachments";
import type { PublicRealtimeConfig } from "@/lib/core/realtime/config";

export type Me = {
  id: string;
  username: string;
  name: string;
  shareReadReceipts: boolean;
  shareLastSeen: boolean;
};

export type ChatContextValue = {
  me: Me;
  realtime: PublicRealtimeConfig;
  /** Whether this server stores attachments (and if not, why the button is off). */
  storage: PublicStorageConfig;
  actions: ChatActions;
};

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat must be used inside <ChatShell>");
  return value;
}
