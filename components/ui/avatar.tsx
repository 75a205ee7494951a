// Dark enough for white initials at 4.5:1 (WCAG 1.4.3), in light and dark themes alike.
const COLORS = [
  "bg-rose-700",
  "bg-amber-700",
  "bg-emerald-700",
  "bg-sky-700",
  "bg-violet-700",
  "bg-fuchsia-700",
  "bg-teal-700",
  "bg-orange-700",
];

function colorFor(seed: string) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return COLORS[Math.abs(h) % COLORS.length];
}

export function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts.at(-1)![0]] : [name.trim()[0]];
  return letters.join("").toUpperCase() || "?";
}

export function Avatar({ name, seed, size = "md" }: { name: string; seed: string; size?: "sm" | "md" }) {
  const dims = size === "sm" ? "h-7 w-7 text-[11px]" : "h-10 w-10 text-sm";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${dims} ${colorFor(seed)}`}
    >
      {initials(name)}
    </span>
  );
}
