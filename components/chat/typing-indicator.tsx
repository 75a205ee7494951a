function sentence(names: string[]) {
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** Announced politely; first names only. */
export function TypingIndicator({ names }: { names: string[] }) {
  const first = names.map((n) => n.split(" ")[0]).filter((n): n is string => Boolean(n));
  return (
    <p aria-live="polite" className="h-5 px-4 text-xs text-slate-500 italic dark:text-slate-400">
      {first.length ? sentence(first) : ""}
    </p>
  );
}
