import { directPeer } from "@/lib/core/direct-peer";
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
  return <Avatar name={conversation.title} seed={directPeer(conversation, meId)?.id ?? conversation.id} />;
}
