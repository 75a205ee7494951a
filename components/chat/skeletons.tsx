import { Bone } from "@/components/ui/skeleton";

// Bubble widths for a plausible-looking history: someone else's (left) and mine (right).
const BUBBLES = [
  { mine: false, width: "w-48" },
  { mine: false, width: "w-64" },
  { mine: true, width: "w-40" },
  { mine: false, width: "w-56" },
  { mine: true, width: "w-72" },
  { mine: true, width: "w-32" },
];

/** Stand-ins for message bubbles, laid out as MessageItem lays out the real ones. */
export function BubbleSkeletons({ count = BUBBLES.length }: { count?: number }) {
  return BUBBLES.slice(0, count).map((b, i) => (
    <div key={i} className={`mt-3 flex gap-2 px-3 ${b.mine ? "justify-end" : "justify-start"}`}>
      {b.mine ? null : <Bone className="h-7 w-7 shrink-0 self-end rounded-full" />}
      <Bone className={`h-9 max-w-[78%] rounded-2xl ${b.width}`} />
    </div>
  ));
}

/** The conversation screen while it loads: header, history and composer in their real sizes. */
export function ConversationSkeleton() {
  return (
    <section aria-busy="true" aria-label="Loading conversation" className="flex h-full min-h-0 flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <span className="h-9 w-9 md:hidden" />
        <Bone className="h-10 w-10 rounded-full" />
        <span className="space-y-1.5">
          <Bone className="h-4 w-36 rounded" />
          <Bone className="h-3 w-20 rounded" />
        </span>
      </header>
      <div className="flex min-h-0 flex-1 flex-col justify-end overflow-hidden py-3">
        <BubbleSkeletons />
      </div>
      <p className="sr-only">Loading…</p>
      <div className="h-5" />
      <div className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-800">
        <Bone className="h-10 flex-1 rounded-2xl" />
        <Bone className="h-10 w-[4.25rem] rounded-full" />
      </div>
    </section>
  );
}
