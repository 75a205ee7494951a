// The server actions the chat's forms call, as the browser sees them. The app defines them
// (app/(chat)/actions.ts) and hands them to the chat shell, so browser code reaches the server
// without importing from app/ (docs/architecture.md, "Layers").
import type { Result } from "./errors";
import type { ConversationSummary } from "./types";

export type ChatActions = {
  createConversation(input: unknown): Promise<Result<ConversationSummary>>;
  renameGroup(conversationId: string, input: unknown): Promise<Result<ConversationSummary>>;
  addMembers(conversationId: string, input: unknown): Promise<Result<ConversationSummary>>;
  updateSettings(
    input: unknown,
  ): Promise<Result<{ name: string; shareReadReceipts: boolean; shareLastSeen: boolean }>>;
  signOut(): Promise<void>;
};
