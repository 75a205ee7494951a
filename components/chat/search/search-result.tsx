import type { SearchHit } from "@/lib/core/search";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One found message: who, where, when, and its text around the match (marked, as text). */
export function SearchResult({
  hit,
  chat,
  onSelect,
}: {
  hit: SearchHit;
  /** The chat's name, when results come from several. */
  chat?: string;
  onSelect: (hit: SearchHit) => void;
}) {
  return (
    <button
      type="button"
      data-testid="search-result"
      onClick={() => onSelect(hit)}
      className="w-full rounded-lg px-2 py-2 text-left hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800"
    >
      <span className="flex items-baseline gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="min-w-0 truncate font-medium text-slate-700 dark:text-slate-200">
          {hit.sender.name}
          {chat ? <span className="font-normal text-slate-500 dark:text-slate-400"> in {chat}</span> : null}
        </span>
        <time dateTime={hit.createdAt} className="ml-auto shrink-0">
          {when.format(new Date(hit.createdAt))}
        </time>
      </span>
      <span className="mt-0.5 line-clamp-2 block text-sm [overflow-wrap:anywhere]">
        {hit.parts.map((part, i) =>
          part.match ? (
            <mark
              key={i}
              className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-500/40 dark:text-white"
            >
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
      </span>
    </button>
  );
}
