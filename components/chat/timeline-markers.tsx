import type { Ref } from "react";

const day = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});

/** The date above the first message of each day. */
export function DaySeparator({ date }: { date: Date }) {
  return (
    <li className="my-3 flex items-center gap-3 px-4 text-xs text-slate-500 dark:text-slate-400">
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      {day.format(date)}
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
    </li>
  );
}

/** Where unread messages start. A list holds only items: the separator sits inside one. */
export function UnreadDivider({ ref }: { ref: Ref<HTMLLIElement> }) {
  return (
    <li ref={ref}>
      <div
        role="separator"
        aria-label="New messages"
        className="text-brand-600 dark:text-brand-100 my-2 flex items-center gap-3 px-4 text-xs font-semibold"
      >
        <span className="bg-brand-500/60 h-px flex-1" />
        New messages
        <span className="bg-brand-500/60 h-px flex-1" />
      </div>
    </li>
  );
}
