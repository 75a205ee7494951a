import type { ConversationSummary, User } from "./types";

/** A direct chat's other person; none for a group or the Lobby (whose `members` list is empty). */
export function directPeer(
  conversation: Pick<ConversationSummary, "kind" | "members">,
  meId: string,
): User | undefined {
  return conversation.kind === "direct" ? conversation.members.find((m) => m.id !== meId) : undefined;
}
