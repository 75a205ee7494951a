import { ConversationSkeleton } from "@/components/chat/skeletons";

// Shown at once while a conversation's page renders on the server (opening or switching chats).
export default function LoadingConversation() {
  return <ConversationSkeleton />;
}
