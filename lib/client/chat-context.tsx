"use client";

import { createContext, useContext } from "react";
import type { PublicRealtimeConfig } from "@/lib/server/realtime/settings";

export type ChatContextValue = {
  me: { id: string; username: string; name: string; shareReadReceipts: boolean };
  realtime: PublicRealtimeConfig;
};

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat must be used inside <ChatProvider>");
  return value;
}
