"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import { hostSearch } from "@/lib/client/search/open-search";
import type { ConversationSummary } from "@/lib/core/types";

// The search dialog loads on the first opening: the page's first JavaScript carries only buttons.
const SearchDialog = lazy(() => import("./search-dialog"));

/** Where search opens (openSearch): in one conversation, or in every chat of the list. */
export function SearchHost({ conversations }: { conversations: ConversationSummary[] }) {
  const [open, setOpen] = useState<{ in?: ConversationSummary } | null>(null);
  useEffect(() => hostSearch((conversation) => setOpen({ in: conversation })), []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <SearchDialog
        conversations={open.in ? [open.in] : conversations}
        conversationId={open.in?.id}
        onClose={() => setOpen(null)}
      />
    </Suspense>
  );
}
