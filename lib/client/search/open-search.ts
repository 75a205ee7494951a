// Opening search from anywhere (the list's search box, a conversation's header). One dialog,
// hosted by the chat shell (components/chat/search/search-host.tsx): the conversation page's own
// chunk then carries a button and this, not a second copy of the dialog's loader (which made the
// bundler split the shell's and the page's loaders into a chunk of their own, one more script).
import type { ConversationSummary } from "@/lib/core/types";

type Open = (conversation?: ConversationSummary) => void;
let host: Open | null = null;

/** Opens search in one conversation, or in every chat (no argument). */
export function openSearch(conversation?: ConversationSummary) {
  host?.(conversation);
}

/** The host's part: takes the requests while it is mounted. */
export function hostSearch(open: Open): () => void {
  host = open;
  return () => {
    if (host === open) host = null;
  };
}
