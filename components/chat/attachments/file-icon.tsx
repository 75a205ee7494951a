// A file's type at a glance: a page with the kind's short name (PDF, DOC, ZIP…). Shape and text,
// not colour alone.
// Matched on the (allow-listed) type: short patterns, not the long Office type names.
const LABELS: [RegExp, string][] = [
  [/pdf/, "PDF"],
  [/zip/, "ZIP"],
  [/word/, "DOC"],
  [/sheet/, "XLS"],
  [/presentation/, "PPT"],
  [/csv/, "CSV"],
  [/plain/, "TXT"],
  [/mpeg/, "MP3"],
  [/mp4/, "MP4"],
];

export function FileIcon({ contentType }: { contentType: string }) {
  const label = LABELS.find(([pattern]) => pattern.test(contentType))?.[1] ?? "FILE";
  return (
    <svg width="32" height="36" viewBox="0 0 32 36" aria-hidden="true" className="shrink-0">
      <path
        d="M4 1h17l8 8v24a2 2 0 01-2 2H4a2 2 0 01-2-2V3a2 2 0 012-2z"
        fill="currentColor"
        opacity="0.12"
      />
      <path
        d="M4 1h17l8 8v24a2 2 0 01-2 2H4a2 2 0 01-2-2V3a2 2 0 012-2z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
      />
      <path d="M21 1v8h8" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <text x="15.5" y="27" textAnchor="middle" fontSize="8" fontWeight="700" fill="currentColor">
        {label}
      </text>
    </svg>
  );
}
