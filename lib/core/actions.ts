// The server actions the chat's forms call, as the browser sees them. The app defines them
// (app/(chat)/actions.ts) and hands them to the chat shell, so browser code reaches the server
// without importing from app/ (docs/architecture.md, "Layers").
import type { Result } from "./errors";
import type { ConversationSummary, Message } from "./types";

export type SendInput = { body: string; clientId: string; socketId?: string; attachmentIds?: string[] };

export type ChatActions = {
  sendMessage(conversationId: string, input: SendInput): Promise<Result<Message>>;
  createConversation(input: unknown): Promise<Result<ConversationSummary>>;
  updateSettings(input: unknown): Promise<Result<{ name: string; shareReadReceipts: boolean }>>;
  signOut(): Promise<void>;
};
