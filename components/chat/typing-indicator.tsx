import type { MemberState } from "@/lib/core/types";

function sentence(names: string[]) {
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** Announced politely, and only for members (client events carry a self-reported id). */
export function TypingIndicator({ userIds, members }: { userIds: string[]; members: MemberState[] }) {
  const names = userIds
    .map((id) => members.find((m) => m.user.id === id)?.user.name.split(" ")[0])
    .filter((n): n is string => Boolean(n));
  return (
    <p aria-live="polite" className="h-5 px-4 text-xs text-slate-500 italic dark:text-slate-400">
      {names.length ? sentence(names) : ""}
    </p>
  );
}
