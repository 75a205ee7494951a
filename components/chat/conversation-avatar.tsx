import type { ConversationSummary } from "@/lib/core/types";
import { Avatar } from "@/components/ui/avatar";

/** A direct chat looks like the other person (same colour as their messages); rooms their own. */
export function ConversationAvatar({
  conversation,
  meId,
}: {
  conversation: ConversationSummary;
  meId: string;
}) {
  const other = conversation.kind === "direct" ? conversation.members.find((m) => m.id !== meId) : undefined;
  return <Avatar name={conversation.title} seed={other?.id ?? conversation.id} />;
}
