import { ConnectionStatus } from "@/components/chat/connection-status";

// On phones this is the conversation list screen; on wider screens the list is beside this.
export default function ConversationsIndex() {
  return (
    <>
      <ConnectionStatus />
      <div className="flex flex-1 items-center justify-center p-8 text-center text-slate-500 dark:text-slate-400">
        Pick a conversation, or start a new chat.
      </div>
    </>
  );
}
